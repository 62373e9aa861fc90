/**
 * A button that opens a menu: arrow keys, Home/End and typing move between items, Escape closes
 * and gives focus back to the button, clicking outside closes.
 */
import { createContext, useCallback, useContext, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { CheckIcon, focusRing } from './ui.tsx';

interface MenuContextValue {
  close: (restoreFocus?: boolean) => void;
}

const MenuContext = createContext<MenuContextValue | null>(null);

export interface MenuProps {
  /** Content of the button. */
  button: ReactNode;
  /** Accessible name of the button when its content is not enough. */
  ariaLabel?: string;
  buttonClassName: string;
  panelClassName?: string;
  align?: 'left' | 'right';
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  disabled?: boolean;
  title?: string;
  children: ReactNode;
}

const ITEM_SELECTOR = '[role="menuitem"],[role="menuitemradio"],[role="menuitemcheckbox"]';

export function Menu({ button, ariaLabel, buttonClassName, panelClassName = 'w-56', align = 'right', open: controlled, onOpenChange, disabled, title, children }: MenuProps) {
  const [uncontrolled, setUncontrolled] = useState(false);
  const open = controlled ?? uncontrolled;
  const setOpen = useCallback(
    (value: boolean) => {
      if (controlled === undefined) setUncontrolled(value);
      onOpenChange?.(value);
    },
    [controlled, onOpenChange],
  );
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const menuId = useId();

  const close = useCallback(
    (restoreFocus = true) => {
      setOpen(false);
      if (restoreFocus) buttonRef.current?.focus();
    },
    [setOpen],
  );

  // Focus the checked item (or the first) when the menu opens.
  useEffect(() => {
    if (!open) return;
    const panel = panelRef.current;
    if (!panel) return;
    const items = [...panel.querySelectorAll<HTMLElement>(ITEM_SELECTOR)];
    const target = items.find((item) => item.getAttribute('aria-checked') === 'true') ?? items[0];
    const autofocus = panel.querySelector<HTMLElement>('[data-autofocus]');
    (autofocus ?? target)?.focus();
  }, [open]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !buttonRef.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open, setOpen]);

  const onPanelKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const panel = panelRef.current;
    if (!panel) return;
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    if (event.key === 'Tab') {
      setOpen(false);
      return;
    }
    const inField = (event.target as HTMLElement).matches('input, select, textarea');
    if (inField) return;
    const items = [...panel.querySelectorAll<HTMLElement>(ITEM_SELECTOR)].filter((item) => item.getAttribute('aria-disabled') !== 'true');
    const index = items.indexOf(document.activeElement as HTMLElement);
    let next: HTMLElement | undefined;
    if (event.key === 'ArrowDown') next = items[(index + 1) % items.length];
    else if (event.key === 'ArrowUp') next = items[(index - 1 + items.length) % items.length];
    else if (event.key === 'Home') next = items[0];
    else if (event.key === 'End') next = items[items.length - 1];
    else if (event.key.length === 1 && /\S/.test(event.key)) {
      const key = event.key.toLowerCase();
      next = items.find((item, i) => i > index && item.textContent?.trim().toLowerCase().startsWith(key)) ?? items.find((item) => item.textContent?.trim().toLowerCase().startsWith(key));
    }
    if (next) {
      event.preventDefault();
      next.focus();
    }
  };

  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={ariaLabel}
        title={title}
        disabled={disabled}
        onClick={() => setOpen(!open)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={buttonClassName}
      >
        {button}
      </button>
      {open && (
        <MenuContext.Provider value={{ close }}>
          <div
            ref={panelRef}
            id={menuId}
            role="menu"
            aria-label={ariaLabel}
            onKeyDown={onPanelKeyDown}
            className={`absolute z-30 mt-2 max-h-[min(40rem,calc(100dvh-8rem))] overflow-y-auto rounded-xl border border-slate-200 bg-white p-1 shadow-lg ring-1 ring-black/5 dark:border-slate-700 dark:bg-slate-900 ${align === 'right' ? 'right-0' : 'left-0'} ${panelClassName}`}
          >
            {children}
          </div>
        </MenuContext.Provider>
      )}
    </div>
  );
}

export function useMenu(): MenuContextValue {
  const value = useContext(MenuContext);
  if (!value) throw new Error('Menu items must be inside <Menu>');
  return value;
}

export interface MenuItemProps {
  onSelect: () => void;
  children: ReactNode;
  /** Radio item: shows a check when selected. */
  checked?: boolean;
  /** Keyboard shortcut hint shown at the end. */
  hint?: string;
  disabled?: boolean;
  /** Keep the menu open after selecting. */
  keepOpen?: boolean;
}

export function MenuItem({ onSelect, children, checked, hint, disabled, keepOpen }: MenuItemProps) {
  const { close } = useMenu();
  const radio = checked !== undefined;
  return (
    <button
      type="button"
      role={radio ? 'menuitemradio' : 'menuitem'}
      aria-checked={radio ? checked : undefined}
      aria-disabled={disabled || undefined}
      tabIndex={-1}
      onClick={() => {
        if (disabled) return;
        onSelect();
        if (!keepOpen) close();
      }}
      className={`flex w-full items-center gap-2 rounded-lg px-2.5 py-1.5 text-left text-sm outline-none ${focusRing} ${
        disabled
          ? 'cursor-not-allowed text-slate-400 dark:text-slate-600'
          : 'text-slate-700 hover:bg-slate-100 focus:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800 dark:focus:bg-slate-800'
      } ${checked ? 'font-semibold text-slate-900 dark:text-white' : ''}`}
    >
      {radio && <CheckIcon className={`size-4 shrink-0 ${checked ? 'text-indigo-600 dark:text-indigo-400' : 'invisible'}`} />}
      <span className="min-w-0 flex-1 truncate">{children}</span>
      {hint && (
        <kbd className="ml-3 rounded border border-slate-200 px-1.5 font-sans text-[11px] font-medium text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">{hint}</kbd>
      )}
    </button>
  );
}

export function MenuSeparator() {
  return <div role="separator" className="my-1 h-px bg-slate-100 dark:bg-slate-800" />;
}

export function MenuLabel({ children }: { children: ReactNode }) {
  return <div className="px-2.5 pt-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-500 uppercase dark:text-slate-400">{children}</div>;
}

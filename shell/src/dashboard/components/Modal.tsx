/**
 * A modal dialog: focus moves in and stays in (Tab wraps), Escape or the backdrop closes it,
 * focus returns to what opened it, the page behind does not scroll. Full screen on phones.
 */
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { iconButtonClass, XIcon } from './ui.tsx';

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

export interface ModalProps {
  title: ReactNode;
  onClose: () => void;
  children: ReactNode;
  /** Under the title, next to the close button. */
  actions?: ReactNode;
  footer?: ReactNode;
  size?: 'md' | 'lg' | 'xl';
  /** Selector of the element to focus first; default: the first focusable element. */
  initialFocus?: string;
}

export function Modal({ title, onClose, children, actions, footer, size = 'xl', initialFocus }: ModalProps) {
  const titleId = useId();
  const panelRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const opener = document.activeElement as HTMLElement | null;
    const panel = panelRef.current;
    const first = (initialFocus ? panel?.querySelector<HTMLElement>(initialFocus) : null) ?? panel?.querySelector<HTMLElement>(FOCUSABLE);
    (first ?? panel)?.focus();
    const { overflow } = document.body.style;
    document.body.style.overflow = 'hidden';
    return () => {
      document.body.style.overflow = overflow;
      if (opener && document.contains(opener)) opener.focus();
    };
  }, [initialFocus]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      onCloseRef.current();
      return;
    }
    if (event.key !== 'Tab') return;
    const panel = panelRef.current;
    if (!panel) return;
    const focusable = [...panel.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null || el === document.activeElement);
    if (focusable.length === 0) {
      event.preventDefault();
      return;
    }
    const first = focusable[0]!;
    const last = focusable[focusable.length - 1]!;
    if (event.shiftKey && (document.activeElement === first || document.activeElement === panel)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  };

  const width = size === 'md' ? 'sm:max-w-lg' : size === 'lg' ? 'sm:max-w-2xl' : 'sm:max-w-4xl';

  return createPortal(
    <div className="fixed inset-0 z-50 flex items-stretch justify-center sm:items-start sm:p-6 sm:pt-[8vh]" onKeyDown={onKeyDown}>
      <div aria-hidden="true" className="absolute inset-0 bg-slate-900/50 backdrop-blur-[2px] dark:bg-black/60" onClick={() => onCloseRef.current()} />
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        className={`relative flex max-h-dvh w-full flex-col bg-white shadow-2xl outline-none sm:max-h-[84vh] sm:rounded-2xl sm:border sm:border-slate-200 dark:bg-slate-900 sm:dark:border-slate-700 ${width}`}
      >
        <div className="flex items-start gap-3 border-b border-slate-100 px-4 py-3 sm:px-6 sm:py-4 dark:border-slate-800">
          <h2 id={titleId} className="min-w-0 flex-1 truncate pt-1 text-base font-semibold text-slate-900 dark:text-white">
            {title}
          </h2>
          {actions}
          <button type="button" onClick={() => onCloseRef.current()} className={iconButtonClass} aria-label="Close">
            <XIcon className="size-5" />
          </button>
        </div>
        <div className="min-h-0 flex-1 overflow-y-auto">{children}</div>
        {footer && <div className="border-t border-slate-100 px-4 py-3 sm:px-6 dark:border-slate-800">{footer}</div>}
      </div>
    </div>,
    document.body,
  );
}

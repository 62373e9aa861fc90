/** A breakdown panel: title, tabs (arrow keys move between them) and the active tab's content. */
import { useCallback, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { cardClass, focusRing } from '../components/ui.tsx';
import { readStored, storageKey, storedChoice, type StoredChoice } from '../requests.ts';

export interface PanelTab<T extends string> {
  id: T;
  label: string;
}

export interface PanelProps<T extends string> {
  title: string;
  tabs: PanelTab<T>[];
  active: T;
  onTab: (id: T) => void;
  children: ReactNode;
  footer?: ReactNode;
  testId?: string;
}

export function Panel<T extends string>({ title, tabs, active, onTab, children, footer, testId }: PanelProps<T>) {
  const id = useId();
  const listRef = useRef<HTMLDivElement>(null);
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const index = tabs.findIndex((tab) => tab.id === active);
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    onTab(tabs[next]!.id);
    listRef.current?.querySelectorAll<HTMLElement>('[role="tab"]')[next]?.focus();
  };
  return (
    <section aria-labelledby={`${id}-title`} className={`${cardClass} flex min-w-0 flex-col p-4 sm:p-5`} data-testid={testId}>
      <div className="mb-3 flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900 dark:text-white">
          {title}
        </h2>
        {tabs.length > 1 && (
          <div ref={listRef} role="tablist" aria-label={`${title} reports`} className="-mx-1 flex flex-wrap gap-0.5" onKeyDown={onKeyDown}>
            {tabs.map((tab) => {
              const selected = tab.id === active;
              return (
                <button
                  key={tab.id}
                  type="button"
                  role="tab"
                  id={`${id}-tab-${tab.id}`}
                  aria-selected={selected}
                  aria-controls={`${id}-panel`}
                  tabIndex={selected ? 0 : -1}
                  onClick={() => onTab(tab.id)}
                  className={`rounded-md px-2 py-1 text-xs font-semibold transition ${focusRing} ${
                    selected
                      ? 'bg-indigo-50 text-indigo-700 dark:bg-indigo-500/15 dark:text-indigo-300'
                      : 'text-slate-500 hover:bg-slate-100 hover:text-slate-800 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-slate-200'
                  }`}
                >
                  {tab.label}
                </button>
              );
            })}
          </div>
        )}
      </div>
      <div id={`${id}-panel`} role="tabpanel" aria-labelledby={`${id}-tab-${active}`} className="flex min-h-0 flex-1 flex-col">
        {children}
      </div>
      {footer}
    </section>
  );
}

/** A tab choice remembered per site and panel (like Plausible), falling back to the panel's default. */
export function useStoredChoice<T extends string>(domain: string, choice: StoredChoice<T>): [T, (value: T) => void] {
  const key = storageKey(domain, choice.name);
  const [value, setValue] = useState<T>(() => storedChoice(domain, choice));
  const set = useCallback(
    (next: T) => {
      setValue(next);
      try {
        window.localStorage.setItem(key, next);
      } catch {
        // Not remembered; still switched.
      }
    },
    [key],
  );
  return [value, set];
}

/** A free-form remembered string (the chosen property key). */
export function useStoredString(domain: string, name: string): [string | null, (value: string | null) => void] {
  const key = storageKey(domain, name);
  const [value, setValue] = useState<string | null>(() => readStored(key));
  const set = useCallback(
    (next: string | null) => {
      setValue(next);
      try {
        if (next === null) window.localStorage.removeItem(key);
        else window.localStorage.setItem(key, next);
      } catch {
        // Not remembered.
      }
    },
    [key],
  );
  return [value, set];
}

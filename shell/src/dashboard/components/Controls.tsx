/** The view controls: period picker, comparison, filter menu, filter chips, keyboard shortcuts. */
import { useEffect, useState, type FormEvent } from 'react';
import { useDashboard } from '../context.tsx';
import { countryName, dimensionLabel, FILTER_GROUPS, filterGroupOf } from '../dimensions.ts';
import { comparisonAllowed, effectiveCompare, localParts, PERIOD_GROUPS, periodByKey, periodLabel } from '../periods.ts';
import { isIsoDate, withoutFilter, type CompareMode, type DashboardFilter, type DashboardState, type PeriodId } from '../state.ts';
import { Menu, MenuItem, MenuLabel, MenuSeparator } from './Menu.tsx';
import { buttonClass, CalendarIcon, ChevronDownIcon, CompareIcon, FilterIcon, focusRing, inputClass, primaryButtonClass, XIcon } from './ui.tsx';

/** Switching period keeps filters and metric; the interval is re-derived unless still allowed. */
export function withPeriod(state: DashboardState, period: PeriodId, range?: { from: string; to: string }): DashboardState {
  return { ...state, period, from: range?.from ?? null, to: range?.to ?? null, interval: null };
}

export function PeriodPicker({ open, onOpenChange, focusCustom = false }: { open: boolean; onOpenChange: (open: boolean) => void; focusCustom?: boolean }) {
  const { site, state, update } = useDashboard();
  const today = localParts(Date.now(), site.timezone).date;
  const [from, setFrom] = useState(state.from ?? '');
  const [to, setTo] = useState(state.to ?? today);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (open) {
      setFrom(state.from ?? '');
      setTo(state.to ?? today);
      setError(null);
    }
  }, [open, state.from, state.to, today]);

  const apply = (event: FormEvent) => {
    event.preventDefault();
    if (!isIsoDate(from) || !isIsoDate(to)) {
      setError('Pick a start and an end date.');
      return;
    }
    const [a, b] = from <= to ? [from, to] : [to, from];
    update((s) => withPeriod(s, 'custom', { from: a, to: b }));
    onOpenChange(false);
  };

  return (
    <Menu
      open={open}
      onOpenChange={onOpenChange}
      ariaLabel={`Period: ${periodLabel(state)}`}
      panelClassName="w-64 sm:w-[32rem]"
      buttonClassName={`${buttonClass} min-w-0`}
      button={
        <>
          <CalendarIcon className="size-4 shrink-0 text-slate-400" />
          <span className="truncate" data-testid="period-label">
            {periodLabel(state)}
          </span>
          <ChevronDownIcon className="size-4 shrink-0 text-slate-400" />
        </>
      }
    >
      <div className="sm:grid sm:grid-cols-[minmax(0,1fr)_13.5rem] sm:gap-1">
        <div>
          {PERIOD_GROUPS.map((group, i) => (
            <div key={i}>
              {i > 0 && <MenuSeparator />}
              {group
                .filter((p) => p.id !== 'custom')
                .map((p) => (
                  <MenuItem key={p.id} checked={state.period === p.id} hint={p.key ?? undefined} onSelect={() => update((s) => withPeriod(s, p.id))}>
                    {p.label}
                  </MenuItem>
                ))}
            </div>
          ))}
        </div>
        <form onSubmit={apply} className="mt-1 flex flex-col gap-2 self-start rounded-lg bg-slate-50 p-2.5 sm:mt-0 dark:bg-slate-800/60" aria-label="Custom range">
          <div className="flex items-center justify-between text-xs font-semibold text-slate-600 dark:text-slate-300">
            Custom range
            <kbd className="rounded border border-slate-200 px-1.5 font-sans text-[11px] font-medium text-slate-500 uppercase dark:border-slate-700 dark:text-slate-400">c</kbd>
          </div>
          <div className="grid grid-cols-2 gap-2 sm:grid-cols-1">
            <label className="text-[11px] text-slate-500 dark:text-slate-400">
              From
              <input type="date" value={from} max={today} onChange={(e) => setFrom(e.target.value)} className={`${inputClass} mt-0.5 px-2 text-xs`} data-autofocus={focusCustom || undefined} />
            </label>
            <label className="text-[11px] text-slate-500 dark:text-slate-400">
              To
              <input type="date" value={to} max={today} onChange={(e) => setTo(e.target.value)} className={`${inputClass} mt-0.5 px-2 text-xs`} />
            </label>
          </div>
          {error && <p className="text-xs text-rose-600 dark:text-rose-400">{error}</p>}
          <button type="submit" className={`${primaryButtonClass} w-full py-1 text-xs`}>
            Apply range
          </button>
          <p className="text-[11px] leading-4 text-slate-500 dark:text-slate-400">Both days included, in the site’s time zone.</p>
        </form>
      </div>
    </Menu>
  );
}

export function ComparePicker() {
  const { state, update } = useDashboard();
  const allowed = comparisonAllowed(state.period);
  const mode = effectiveCompare(state);
  const set = (compare: CompareMode) => update((s) => ({ ...s, compare }));
  const label = mode === 'previous_period' ? 'vs previous period' : mode === 'year_over_year' ? 'vs last year' : 'Compare';
  return (
    <Menu
      ariaLabel={allowed ? `Comparison: ${mode === 'off' ? 'off' : label}` : 'Comparison is not available for this period'}
      title={allowed ? 'Compare with another period (X)' : 'Not available for realtime and all time'}
      disabled={!allowed}
      panelClassName="w-60"
      buttonClassName={`${buttonClass} ${mode !== 'off' ? 'border-indigo-200 bg-indigo-50 text-indigo-700 hover:bg-indigo-100 dark:border-indigo-500/40 dark:bg-indigo-500/15 dark:text-indigo-200 dark:hover:bg-indigo-500/25' : ''}`}
      button={
        <>
          <CompareIcon className="size-4 shrink-0" />
          <span className="hidden sm:inline">{label}</span>
          <ChevronDownIcon className="size-4 shrink-0 opacity-60" />
        </>
      }
    >
      <MenuItem checked={mode === 'off'} onSelect={() => set('off')} hint="x">
        No comparison
      </MenuItem>
      <MenuItem checked={mode === 'previous_period'} onSelect={() => set('previous_period')}>
        Previous period
      </MenuItem>
      <MenuItem checked={mode === 'year_over_year'} onSelect={() => set('year_over_year')}>
        Year over year
      </MenuItem>
      <MenuSeparator />
      <MenuLabel>Align</MenuLabel>
      <MenuItem checked={!state.matchDayOfWeek} disabled={mode === 'off'} onSelect={() => update((s) => ({ ...s, matchDayOfWeek: false }))}>
        Match exact dates
      </MenuItem>
      <MenuItem checked={state.matchDayOfWeek} disabled={mode === 'off'} onSelect={() => update((s) => ({ ...s, matchDayOfWeek: true }))}>
        Match day of the week
      </MenuItem>
    </Menu>
  );
}

export function FilterMenu() {
  const { openFilter } = useDashboard();
  return (
    <Menu
      ariaLabel="Add a filter"
      panelClassName="w-48"
      buttonClassName={buttonClass}
      button={
        <>
          <FilterIcon className="size-4 shrink-0" />
          <span className="hidden sm:inline">Filter</span>
        </>
      }
    >
      <MenuLabel>Filter by</MenuLabel>
      {FILTER_GROUPS.map((group) => (
        <MenuItem key={group.id} onSelect={() => openFilter(group.id)}>
          {group.label}
        </MenuItem>
      ))}
    </Menu>
  );
}

const OP_TEXT: Record<DashboardFilter['op'], string> = { is: 'is', is_not: 'is not', contains: 'contains', contains_not: 'does not contain' };

export function filterValueText(dimension: string, value: string): string {
  if (dimension === 'visit:country' && /^[A-Z]{2}$/.test(value)) return countryName(value);
  return value;
}

export function describeFilter(filter: DashboardFilter): string {
  const values = filter.values.map((v) => filterValueText(filter.dimension, v));
  const joined = values.length <= 2 ? values.join(' or ') : `${values.slice(0, 2).join(', ')} or ${values.length - 2} more`;
  return `${dimensionLabel(filter.dimension)} ${OP_TEXT[filter.op]} ${joined}`;
}

export function FilterChips() {
  const { state, update, openFilter } = useDashboard();
  if (state.filters.length === 0) return null;
  return (
    <ul className="flex flex-wrap items-center gap-2" aria-label="Active filters">
      {state.filters.map((filter) => {
        const text = describeFilter(filter);
        const group = filterGroupOf(filter.dimension);
        return (
          <li
            key={filter.dimension}
            className="flex max-w-full items-center rounded-full border border-indigo-200 bg-indigo-50 text-sm text-indigo-900 dark:border-indigo-500/30 dark:bg-indigo-500/10 dark:text-indigo-100"
            data-testid="filter-chip"
          >
            <button
              type="button"
              onClick={() => group && openFilter(group, filter.dimension)}
              className={`min-w-0 truncate rounded-l-full py-1 pr-1 pl-3 text-left hover:underline ${focusRing}`}
              aria-label={`Edit filter: ${text}`}
              title={`Edit filter: ${text}`}
            >
              <span className="font-medium">{dimensionLabel(filter.dimension)}</span> <span className="text-indigo-600 dark:text-indigo-300">{OP_TEXT[filter.op]}</span>{' '}
              <span className="font-medium">{text.slice(dimensionLabel(filter.dimension).length + OP_TEXT[filter.op].length + 2)}</span>
            </button>
            <button
              type="button"
              onClick={() => update((s) => ({ ...s, filters: withoutFilter(s.filters, filter.dimension) }))}
              aria-label={`Remove filter: ${text}`}
              className={`mr-1 rounded-full p-1 text-indigo-500 hover:bg-indigo-100 hover:text-indigo-800 dark:text-indigo-300 dark:hover:bg-indigo-500/20 dark:hover:text-white ${focusRing}`}
            >
              <XIcon className="size-3.5" />
            </button>
          </li>
        );
      })}
      {state.filters.length > 1 && (
        <li>
          <button
            type="button"
            onClick={() => update((s) => ({ ...s, filters: [] }))}
            className={`rounded-md px-2 py-1 text-sm font-medium text-slate-500 hover:text-slate-900 dark:text-slate-400 dark:hover:text-white ${focusRing}`}
          >
            Clear all
          </button>
        </li>
      )}
    </ul>
  );
}

/** Whether a key press belongs to something else: typing, a modifier chord, an open dialog or menu. */
export function isShortcutIgnored(event: KeyboardEvent): boolean {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return true;
  const target = event.target as HTMLElement | null;
  if (target && (target.isContentEditable || target.closest?.('input, textarea, select, [contenteditable=""], [contenteditable="true"]'))) return true;
  return document.querySelector('[aria-modal="true"], [role="menu"]') !== null;
}

/** D, E, R, W, F, T, N, M, P, Y, S, L, A pick a period; C opens the custom range; X toggles the comparison. */
export function useShortcuts(openCustom: () => void): void {
  const { update } = useDashboard();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (isShortcutIgnored(event) || event.key.length !== 1) return;
      const key = event.key.toLowerCase();
      if (key === 'x') {
        event.preventDefault();
        update((s) => (comparisonAllowed(s.period) ? { ...s, compare: effectiveCompare(s) === 'off' ? 'previous_period' : 'off' } : s));
        return;
      }
      if (key === 'c') {
        event.preventDefault();
        openCustom();
        return;
      }
      const period = periodByKey(key);
      if (period && period.id !== 'custom') {
        event.preventDefault();
        update((s) => (s.period === period.id ? s : withPeriod(s, period.id)));
      }
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [update, openCustom]);
}

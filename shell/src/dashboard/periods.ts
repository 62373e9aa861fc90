/**
 * Periods: what the picker offers, how each becomes a Stats API v2 `date_range`, and which graph
 * intervals each allows (Plausible's rules, reference §1.1).
 */
import type { DateRangeInput } from '@qusto/sdk';
import type { CompareMode, DashboardState, Interval, PeriodId } from './state.ts';

export interface PeriodDef {
  id: PeriodId;
  label: string;
  /** Keyboard shortcut (lower case), or null. */
  key: string | null;
}

/** In picker order; separators fall between the groups. */
export const PERIOD_GROUPS: PeriodDef[][] = [
  [
    { id: 'day', label: 'Today', key: 'd' },
    { id: 'yesterday', label: 'Yesterday', key: 'e' },
    { id: 'realtime', label: 'Realtime', key: 'r' },
    { id: '24h', label: 'Last 24 hours', key: null },
  ],
  [
    { id: '7d', label: 'Last 7 days', key: 'w' },
    { id: '28d', label: 'Last 28 days', key: 'f' },
    { id: '30d', label: 'Last 30 days', key: 't' },
    { id: '91d', label: 'Last 91 days', key: 'n' },
  ],
  [
    { id: 'month', label: 'Month to date', key: 'm' },
    { id: 'last_month', label: 'Last month', key: 'p' },
  ],
  [
    { id: 'year', label: 'Year to date', key: 'y' },
    { id: '6mo', label: 'Last 6 months', key: 's' },
    { id: '12mo', label: 'Last 12 months', key: 'l' },
  ],
  [
    { id: 'all', label: 'All time', key: 'a' },
    { id: 'custom', label: 'Custom range', key: 'c' },
  ],
];

export const PERIODS: PeriodDef[] = PERIOD_GROUPS.flat();

export function periodDef(id: PeriodId): PeriodDef {
  return PERIODS.find((p) => p.id === id)!;
}

export function periodByKey(key: string): PeriodDef | undefined {
  const lower = key.toLowerCase();
  return PERIODS.find((p) => p.key === lower);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "3 Jan 2026" from `2026-01-03`. */
export function formatDay(date: string, withYear = true): string {
  const [y, m, d] = date.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m}${withYear ? ` ${y}` : ''}`;
}

/** The picker's button text. */
export function periodLabel(state: Pick<DashboardState, 'period' | 'from' | 'to'>): string {
  if (state.period === 'custom' && state.from && state.to) {
    if (state.from === state.to) return formatDay(state.from);
    const sameYear = state.from.slice(0, 4) === state.to.slice(0, 4);
    return `${formatDay(state.from, !sameYear)} – ${formatDay(state.to)}`;
  }
  return periodDef(state.period).label;
}

/** Realtime window of the top stats and graph (Plausible: the last 30 minutes). */
export const REALTIME_WINDOW_MS = 30 * 60_000;

const isoSeconds = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** The v2 `date_range` of a period; `now` matters for realtime only. */
export function dateRangeOf(state: Pick<DashboardState, 'period' | 'from' | 'to'>, now: number = Date.now()): DateRangeInput {
  switch (state.period) {
    case 'yesterday':
      return '1d'; // today-1 .. today-1 in the site's zone
    case 'last_month':
      return '1mo'; // the whole previous calendar month
    case 'realtime':
      return [isoSeconds(now - REALTIME_WINDOW_MS), isoSeconds(now)];
    case 'custom':
      return state.from && state.to ? [state.from, state.to] : '28d';
    default:
      return state.period;
  }
}

/** Month/year to date stop at today instead of running to the end of the month/year. */
export function trimsRange(period: PeriodId): boolean {
  return period === 'month' || period === 'year';
}

export function comparisonAllowed(period: PeriodId): boolean {
  return period !== 'realtime' && period !== 'all';
}

export function effectiveCompare(state: Pick<DashboardState, 'period' | 'compare'>): CompareMode {
  return comparisonAllowed(state.period) ? state.compare : 'off';
}

/** Whole days from `from` to `to`, inclusive. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

export interface IntervalContext {
  /** Days the period spans, for `all` (from the resolved range) and custom ranges. */
  spanDays?: number | null;
}

/** Intervals the graph offers for a period; the first is not necessarily the default. */
export function allowedIntervals(state: Pick<DashboardState, 'period' | 'from' | 'to'>, ctx: IntervalContext = {}): Interval[] {
  switch (state.period) {
    case 'realtime':
      return ['minute'];
    case 'day':
    case 'yesterday':
      return ['minute', 'hour'];
    case '24h':
      return ['hour'];
    case '7d':
      return ['hour', 'day'];
    case '28d':
    case '30d':
    case 'month':
    case 'last_month':
      return ['day', 'week'];
    case '91d':
    case 'year':
    case '6mo':
    case '12mo':
      return ['day', 'week', 'month'];
    case 'custom': {
      const span = state.from && state.to ? daysBetween(state.from, state.to) : 28;
      if (span <= 1) return ['hour', 'day'];
      if (span <= 31) return ['day', 'week'];
      return span > 366 ? ['week', 'month'] : ['day', 'week', 'month'];
    }
    case 'all': {
      const span = ctx.spanDays ?? 0;
      return span > 366 ? ['week', 'month'] : ['day', 'week', 'month'];
    }
  }
}

export function defaultInterval(state: Pick<DashboardState, 'period' | 'from' | 'to'>, ctx: IntervalContext = {}): Interval {
  switch (state.period) {
    case 'realtime':
      return 'minute';
    case 'day':
    case 'yesterday':
    case '24h':
      return 'hour';
    case 'year':
    case '6mo':
    case '12mo':
      return 'month';
    case 'all':
      return (ctx.spanDays ?? 0) > 31 ? 'month' : 'day';
    case 'custom': {
      const allowed = allowedIntervals(state, ctx);
      const span = state.from && state.to ? daysBetween(state.from, state.to) : 28;
      if (span <= 1) return 'hour';
      return allowed.includes('day') ? 'day' : 'month';
    }
    default:
      return 'day';
  }
}

/** The interval the graph uses: the URL's when the period allows it, else the default. */
export function effectiveInterval(state: Pick<DashboardState, 'period' | 'from' | 'to' | 'interval'>, ctx: IntervalContext = {}): Interval {
  const allowed = allowedIntervals(state, ctx);
  if (state.interval && allowed.includes(state.interval)) return state.interval;
  return defaultInterval(state, ctx);
}

export const INTERVAL_LABELS: Record<Interval, string> = { minute: 'Minutes', hour: 'Hours', day: 'Days', week: 'Weeks', month: 'Months' };

/** Wall-clock parts of `now` in a time zone (IANA name) or at a fixed offset (`+01:00`). */
export function localParts(now: number, zone: string): { date: string; hour: number; minute: number } {
  const offset = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (offset) {
    const minutes = (offset[1] === '-' ? -1 : 1) * (Number(offset[2]) * 60 + Number(offset[3]));
    const shifted = new Date(now + minutes * 60_000).toISOString();
    return { date: shifted.slice(0, 10), hour: Number(shifted.slice(11, 13)), minute: Number(shifted.slice(14, 16)) };
  }
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(new Date(now));
    const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    return { date: `${get('year')}-${get('month')}-${get('day')}`, hour: Number(get('hour')) % 24, minute: Number(get('minute')) };
  } catch {
    return localParts(now, '+00:00');
  }
}

/** The time label of the bucket `now` falls in; labels after it are in the future. */
export function currentBucketLabel(interval: Interval, now: number, zone: string): string {
  const { date, hour, minute } = localParts(now, zone);
  const pad = (n: number) => String(n).padStart(2, '0');
  if (interval === 'minute') return `${date} ${pad(hour)}:${pad(minute)}:00`;
  if (interval === 'hour') return `${date} ${pad(hour)}:00:00`;
  return date;
}

/** Shifts a `YYYY-MM-DD` date by whole days. */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

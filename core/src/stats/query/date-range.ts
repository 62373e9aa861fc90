import { inspectValue } from './elixir-inspect.ts';
import { QueryError } from './query-error.ts';
import type { TimeRange } from './query.ts';
import {
  addDays,
  addMonths,
  endOfLocalDay,
  endOfMonth,
  isPlainDate,
  localDate,
  localParts,
  MAX_INSTANT,
  startOfLocalDay,
  startOfMonth,
  type PlainDate,
} from './timezone.ts';

export interface DateRangeContext {
  timezone: string;
  now: number;
  /** First day with data for the site (for `all`); today when there is none. */
  statsStart: PlainDate | null;
  /** "Today" for relative ranges; default: today in the site's zone (v1 `date` parameter). */
  relativeDate?: PlainDate;
  /** include.trim_relative_date_range */
  trim: boolean;
  /** Internal callers may use `realtime` and `30m`. */
  internal?: boolean;
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Inclusive UTC span of whole local days `first`..`last`. */
export function localDaysRange(first: PlainDate, last: PlainDate, timezone: string): TimeRange {
  return { first: startOfLocalDay(first, timezone), last: endOfLocalDay(last, timezone) };
}

const floorSecond = (ms: number) => Math.floor(ms / 1000) * 1000;

function invalid(input: unknown): never {
  throw new QueryError(`#/date_range: Invalid date range ${inspectValue(input)}`);
}

/** Resolves a `date_range` value in the site's zone, as Plausible's QueryBuilder does. */
export function resolveDateRange(input: unknown, ctx: DateRangeContext): TimeRange {
  const { timezone } = ctx;
  const now = floorSecond(ctx.now);
  const today = ctx.relativeDate ?? localDate(now, timezone);

  if (Array.isArray(input)) {
    if (input.length !== 2 || typeof input[0] !== 'string' || typeof input[1] !== 'string') invalid(input);
    const [from, to] = input as [string, string];
    if (isPlainDate(from) && isPlainDate(to)) return localDaysRange(from, to, timezone);
    if (ISO_DATETIME.test(from) && ISO_DATETIME.test(to)) {
      const first = Date.parse(from);
      const last = Date.parse(to);
      if ([first, last].some((t) => Number.isNaN(t) || t < 0 || t > MAX_INSTANT)) invalid(input);
      return { first: floorSecond(first), last: floorSecond(last) };
    }
    invalid(input);
  }
  if (typeof input !== 'string') invalid(input);

  const trimmedEnd = (range: TimeRange): TimeRange => {
    if (!ctx.trim || now < range.first || now > range.last) return range;
    return { first: range.first, last: Math.min(range.last, endOfLocalDay(today, timezone)) };
  };

  switch (input) {
    case 'day': {
      const range = localDaysRange(today, today, timezone);
      if (!ctx.trim || now < range.first || now > range.last) return range;
      // Trimmed: up to the end of the current hour.
      const p = localParts(now, timezone);
      const hourStart = now - (p.minute * 60 + p.second) * 1000;
      return { first: range.first, last: Math.min(range.last, hourStart + 3_599_000) };
    }
    case '24h':
      return { first: now - 86_400_000, last: now };
    case 'month':
      return trimmedEnd(localDaysRange(startOfMonth(today), endOfMonth(today), timezone));
    case 'year':
      return trimmedEnd(localDaysRange(`${today.slice(0, 4)}-01-01`, `${today.slice(0, 4)}-12-31`, timezone));
    case 'all':
      return localDaysRange(ctx.statsStart && ctx.statsStart < today ? ctx.statsStart : today, today, timezone);
    case 'realtime':
    case '30m':
      if (!ctx.internal) invalid(input);
      return { first: now - (input === 'realtime' ? 5 : 30) * 60_000, last: now + 5000 };
  }
  const days = /^(\d{1,4})d$/.exec(input);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > 5000) invalid(input);
    // Last N whole days, excluding today.
    return localDaysRange(addDays(today, -n), addDays(today, -1), timezone);
  }
  const months = /^(\d{1,3})mo$/.exec(input);
  if (months) {
    const n = Number(months[1]);
    if (n < 1 || n > 100) invalid(input);
    // Last N whole months, excluding the current one.
    return localDaysRange(startOfMonth(addMonths(startOfMonth(today), -n)), endOfMonth(addMonths(startOfMonth(today), -1)), timezone);
  }
  return invalid(input);
}

/** Local calendar dates a range touches. */
export function rangeDates(range: TimeRange, timezone: string): { first: PlainDate; last: PlainDate } {
  return { first: localDate(range.first, timezone), last: localDate(range.last, timezone) };
}

/**
 * Calendar arithmetic in IANA time zones with Intl only, DST-correct: a day is "from the first
 * instant whose local date is D to the instant before the next local day starts", so days with 23
 * or 25 hours (and zones whose clocks jump at midnight) come out right.
 *
 * Dates are plain `YYYY-MM-DD` strings; instants are epoch milliseconds.
 */
import { isIanaTimeZone } from '../../sites/time-zones.ts';

export type PlainDate = string;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timezone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timezone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timezone, formatter);
  }
  return formatter;
}

export function isValidTimezone(timezone: string): boolean {
  return isIanaTimeZone(timezone);
}

/** Wall-clock fields of an instant in a zone. */
export function localParts(instant: number, timezone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timezone).formatToParts(new Date(instant))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** UTC offset of the zone at an instant, in milliseconds (Berlin in summer: +7_200_000). */
export function offsetAt(instant: number, timezone: string): number {
  const p = localParts(instant, timezone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function localDate(instant: number, timezone: string): PlainDate {
  const p = localParts(instant, timezone);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

/** `2026-03-29T00:00:00+01:00`: the instant as wall-clock time with its offset. */
export function toIsoWithOffset(instant: number, timezone: string): string {
  const p = localParts(instant, timezone);
  const offsetMinutes = Math.round(offsetAt(instant, timezone) / 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** First instant (whole second) whose local date is `date` or later. */
export function startOfLocalDay(date: PlainDate, timezone: string): number {
  const [y, m, d] = splitDate(date);
  const utcMidnight = Date.UTC(y, m - 1, d);
  // Offsets lie within ±14 h: search a window around UTC midnight, by the second.
  let low = (utcMidnight - 15 * 3_600_000) / 1000;
  let high = (utcMidnight + 15 * 3_600_000) / 1000;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    if (localDate(mid * 1000, timezone) >= date) high = mid;
    else low = mid + 1;
  }
  return low * 1000;
}

/** Last whole second of the local day `date`. */
export function endOfLocalDay(date: PlainDate, timezone: string): number {
  return startOfLocalDay(addDays(date, 1), timezone) - 1000;
}

export function splitDate(date: PlainDate): [number, number, number] {
  return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

export function isPlainDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const [y, m, d] = splitDate(text);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= MIN_YEAR && y <= MAX_YEAR;
}

/** Years a ClickHouse DateTime can hold (1970 to 2106), with room for time zones. */
export const MIN_YEAR = 1970;
export const MAX_YEAR = 2105;
export const MAX_INSTANT = Date.UTC(MAX_YEAR, 11, 31, 23, 59, 59);

function fromUtcDate(date: Date): PlainDate {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
}

export function addDays(date: PlainDate, days: number): PlainDate {
  const [y, m, d] = splitDate(date);
  return fromUtcDate(new Date(Date.UTC(y, m - 1, d + days)));
}

/** Shifts by whole months, clamping the day to the target month's length (Jan 31 + 1 -> Feb 28). */
export function addMonths(date: PlainDate, months: number): PlainDate {
  const [y, m, d] = splitDate(date);
  const first = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  return fromUtcDate(new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), Math.min(d, lastDay))));
}

export const startOfMonth = (date: PlainDate): PlainDate => `${date.slice(0, 8)}01`;

export function endOfMonth(date: PlainDate): PlainDate {
  const [y, m] = splitDate(date);
  return fromUtcDate(new Date(Date.UTC(y, m, 0)));
}

/** ISO day of week: Monday 1 … Sunday 7. */
export function dayOfWeek(date: PlainDate): number {
  const [y, m, d] = splitDate(date);
  const day = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
  return day === 0 ? 7 : day;
}

export function mondayOf(date: PlainDate): PlainDate {
  return addDays(date, 1 - dayOfWeek(date));
}

/** Whole days from `a` to `b` (b - a). */
export function diffDays(a: PlainDate, b: PlainDate): number {
  const [ay, am, ad] = splitDate(a);
  const [by, bm, bd] = splitDate(b);
  return Math.round((Date.UTC(by, bm - 1, bd) - Date.UTC(ay, am - 1, ad)) / 86_400_000);
}

import { QueryError } from '../query/query-error.ts';
import { timeDimensionOf, type Query } from '../query/query.ts';
import { addDays, addMonths, localDate, localParts, mondayOf, startOfMonth, type PlainDate } from '../query/timezone.ts';

const pad = (n: number) => String(n).padStart(2, '0');

/** Wall-clock buckets an instant-stepping walk meets: DST days get 23 or 25 hours' worth of labels, deduplicated. */
function clockLabels(first: number, last: number, timezone: string, stepMs: number, label: (p: ReturnType<typeof localParts>) => string): string[] {
  const seen = new Set<string>();
  for (let t = first; t <= last; t += stepMs) seen.add(label(localParts(t, timezone)));
  seen.add(label(localParts(last, timezone)));
  return [...seen];
}

function dayLabels(first: PlainDate, last: PlainDate): string[] {
  const out: string[] = [];
  for (let d = first; d <= last; d = addDays(d, 1)) out.push(d);
  return out;
}

/** More buckets than any chart shows; past it the interval is too short for the range. */
export const MAX_TIME_LABELS = 100_000;

const STEP_MS: Record<string, number> = { 'time:minute': 60_000, 'time:hour': 3_600_000, 'time:day': 86_400_000, 'time:week': 7 * 86_400_000, 'time:month': 28 * 86_400_000 };

/** Every bucket of the query's time dimension over its range, in the site's zone (`meta.time_labels`). */
export function timeLabels(query: Pick<Query, 'dimensions' | 'range' | 'timezone'>): string[] {
  const dimension = timeDimensionOf(query);
  if (!dimension) return [];
  const { range, timezone } = query;
  if (range.last < range.first) return [];
  const buckets = (range.last - range.first) / (STEP_MS[dimension] ?? 86_400_000);
  if (buckets > MAX_TIME_LABELS) {
    throw new QueryError(`Invalid include.time_labels: ${dimension} over this date range gives more than ${MAX_TIME_LABELS} time buckets.`);
  }
  const first = localDate(range.first, timezone);
  const last = localDate(range.last, timezone);
  switch (dimension) {
    case 'time:minute':
      return clockLabels(range.first, range.last, timezone, 60_000, (p) => `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:00`);
    case 'time:hour':
      // 15-minute steps also find hours in zones offset by 30 or 45 minutes.
      return clockLabels(range.first, range.last, timezone, 900_000, (p) => `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:00:00`);
    case 'time:day':
      return dayLabels(first, last);
    case 'time:week': {
      const out = [first];
      for (let d = addDays(mondayOf(first), 7); d <= last; d = addDays(d, 7)) out.push(d);
      return out;
    }
    case 'time:month': {
      const out: string[] = [];
      for (let d = startOfMonth(first); d <= last; d = addMonths(d, 1)) out.push(d);
      return out;
    }
    default:
      return [];
  }
}

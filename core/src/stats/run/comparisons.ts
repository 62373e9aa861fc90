import type { MetricDefinition, StatsResultRow } from '@qusto/sdk';
import { localDaysRange, rangeDates } from '../query/date-range.ts';
import type { ComparisonOptions, Query } from '../query/query.ts';
import { addDays, dayOfWeek, diffDays, localDate, type PlainDate } from '../query/timezone.ts';

const earliest = (a: PlainDate, b: PlainDate) => (a <= b ? a : b);

/** The comparison period's dates, as Plausible's Comparisons module computes them. */
export function comparisonDates(query: Query, options: ComparisonOptions): { first: PlainDate; last: PlainDate } {
  const source = rangeDates(query.range, query.timezone);
  const today = localDate(query.now, query.timezone);
  let dates: { first: PlainDate; last: PlainDate };
  switch (options.mode) {
    case 'custom':
      return options.dateRange!;
    case 'year_over_year':
      dates = { first: addDays(source.first, -365), last: addDays(earliest(source.last, today), -365) };
      break;
    case 'previous_period': {
      const last = earliest(source.last, today);
      const shift = diffDays(last, source.first) - 1;
      dates = { first: addDays(source.first, shift), last: addDays(last, shift) };
      break;
    }
  }
  return options.matchDayOfWeek ? matchDayOfWeek(dates, source.first) : dates;
}

/** Moves the period to start on the same weekday as the source period, to the nearest such day. */
function matchDayOfWeek(dates: { first: PlainDate; last: PlainDate }, sourceFirst: PlainDate): { first: PlainDate; last: PlainDate } {
  const target = dayOfWeek(sourceFirst);
  if (dayOfWeek(dates.first) === target) return dates;
  const forward = (target - dayOfWeek(dates.first) + 7) % 7;
  const candidates = [addDays(dates.first, forward), addDays(dates.first, forward - 7)]
    .filter((d) => d !== sourceFirst)
    .sort((a, b) => Math.abs(diffDays(dates.first, a)) - Math.abs(diffDays(dates.first, b)));
  const first = candidates[0] ?? dates.first;
  return { first, last: addDays(dates.last, diffDays(dates.first, first)) };
}

/** The query over the comparison period: every row (matched to the main rows afterwards). */
export function comparisonQuery(query: Query, options: ComparisonOptions): Query {
  const dates = comparisonDates(query, options);
  return {
    ...query,
    range: localDaysRange(dates.first, dates.last, query.timezone),
    pagination: null,
    include: { ...query.include, comparisons: null, totalRows: false, timeLabels: false },
  };
}

export type MetricValue = number | null;

function percentChange(previous: MetricValue, current: MetricValue): MetricValue {
  if (previous === null || current === null) return null;
  if (previous === 0) return current > 0 ? 100 : current === 0 ? 0 : null;
  return Math.round(((current - previous) / previous) * 100);
}

export function change(definition: MetricDefinition | undefined, previous: MetricValue, current: MetricValue): MetricValue {
  const kind = definition?.change ?? 'percent';
  if (typeof kind === 'function') return kind(previous, current);
  if (kind === 'points') return previous === null || current === null ? null : Math.round((current - previous) * 10) / 10;
  return percentChange(previous, current);
}

export interface MergeInput {
  rows: StatsResultRow[];
  comparisonRows: StatsResultRow[];
  /** Per query dimension: whether it is the time dimension. */
  timeIndex: number;
  /** Main time label -> comparison time label (by position in the two label lists). */
  timeLookup: Map<string, string>;
  definitions: Array<MetricDefinition | undefined>;
  emptyMetrics: MetricValue[];
}

/** Adds `comparison: {dimensions, metrics, change}` to each row. */
export function mergeComparison(input: MergeInput): StatsResultRow[] {
  const index = new Map(input.comparisonRows.map((row) => [JSON.stringify(row.dimensions), row.metrics as MetricValue[]]));
  return input.rows.map((row) => {
    const dimensions = row.dimensions.map((value, i) => (i === input.timeIndex ? (input.timeLookup.get(String(value)) ?? null) : value)) as Array<
      string | number
    >;
    const metrics = index.get(JSON.stringify(dimensions)) ?? input.emptyMetrics;
    const changes = (row.metrics as MetricValue[]).map((current, i) => change(input.definitions[i], metrics[i] ?? null, current));
    return { ...row, comparison: { dimensions, metrics: [...metrics], change: changes } };
  });
}

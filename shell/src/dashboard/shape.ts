/** Turns Stats API answers into what the components draw: series, top stats, rows, CSV. */
import type { StatsResult } from '@qusto/sdk';
import { computeChange } from './format.ts';
import type { Interval } from './state.ts';

const asNumber = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : value === null || value === undefined ? null : Number.isFinite(Number(value)) ? Number(value) : null);

export interface SeriesPoint {
  /** Time label in the site's zone: `2026-01-31`, `2026-01-31 14:00:00`. */
  label: string;
  /** null: in the future (not drawn). */
  value: number | null;
  comparisonLabel: string | null;
  comparisonValue: number | null;
}

/**
 * One point per time label (`meta.time_labels`), empty buckets as 0, buckets after `futureAfter`
 * as null; the comparison value and label of each bucket when the answer has them.
 */
export function shapeTimeseries(result: StatsResult, options: { metricIndex?: number; futureAfter?: string | null } = {}): SeriesPoint[] {
  const index = options.metricIndex ?? 0;
  const byLabel = new Map(result.results.map((row) => [String(row.dimensions[0]), row] as const));
  const labels = Array.isArray(result.meta.time_labels) ? (result.meta.time_labels as unknown[]).map(String) : [...byLabel.keys()];
  return labels.map((label) => {
    const row = byLabel.get(label);
    const future = options.futureAfter != null && label > options.futureAfter;
    const value = future ? null : (asNumber(row?.metrics[index]) ?? 0);
    const comparison = row?.comparison;
    return {
      label,
      value,
      comparisonLabel: comparison ? String(comparison.dimensions[0] ?? '') || null : null,
      comparisonValue: comparison ? asNumber(comparison.metrics[index]) : null,
    };
  });
}

/** v1 timeseries (`{results: [{date, <metric>}]}`, zero-filled) as series points. */
export function shapeV1Timeseries(body: unknown, metric: string, futureAfter: string | null = null): SeriesPoint[] {
  const results = body && typeof body === 'object' && Array.isArray((body as { results?: unknown }).results) ? (body as { results: Array<Record<string, unknown>> }).results : [];
  return results.map((row) => {
    const label = String(row.date ?? '');
    return { label, value: futureAfter != null && label > futureAfter ? null : (asNumber(row[metric]) ?? 0), comparisonLabel: null, comparisonValue: null };
  });
}

export interface TopStat {
  metric: string;
  value: number | null;
  /** Present when the view compares. */
  comparisonValue: number | null;
  change: number | null;
}

/** The aggregate row as one entry per metric, with the API's change (or ours when it has none). */
export function shapeTopStats(result: StatsResult, metrics: readonly string[]): TopStat[] {
  const row = result.results[0];
  return metrics.map((metric, i) => {
    const value = asNumber(row?.metrics[i]);
    const comparison = row?.comparison;
    if (!comparison) return { metric, value, comparisonValue: null, change: null };
    const comparisonValue = asNumber(comparison.metrics[i]);
    const apiChange = comparison.change[i];
    const change = apiChange === undefined ? computeChange(metric, comparisonValue, value) : asNumber(apiChange);
    return { metric, value, comparisonValue, change };
  });
}

export interface BreakdownRow {
  /** Dimension values as the API returns them (tracked strings: render as text only). */
  dimensions: Array<string | number>;
  metrics: Record<string, number | null>;
  comparison: { metrics: Record<string, number | null>; change: Record<string, number | null> } | null;
}

export function shapeBreakdown(result: StatsResult, metrics: readonly string[]): { rows: BreakdownRow[]; totalRows: number | null } {
  const rows = result.results.map((row): BreakdownRow => {
    const values = Object.fromEntries(metrics.map((m, i) => [m, asNumber(row.metrics[i])]));
    const comparison = row.comparison
      ? {
          metrics: Object.fromEntries(metrics.map((m, i) => [m, asNumber(row.comparison!.metrics[i])])),
          change: Object.fromEntries(metrics.map((m, i) => [m, asNumber(row.comparison!.change[i])])),
        }
      : null;
    return { dimensions: row.dimensions, metrics: values, comparison };
  });
  const total = asNumber(result.meta.total_rows);
  return { rows, totalRows: total };
}

/**
 * "% of visitors" against the whole view (its top stats' visitors), not against the rows a search
 * or a report's own filter left: the API's `percentage` counts those filters in its total.
 */
export function withShareOf(rows: BreakdownRow[], totalVisitors: number | null | undefined): BreakdownRow[] {
  if (!totalVisitors || totalVisitors <= 0) return rows;
  return rows.map((row) => {
    if (!('percentage' in row.metrics)) return row;
    const visitors = row.metrics.visitors;
    const share = visitors === null || visitors === undefined ? null : Math.round((visitors / totalVisitors) * 1000) / 10;
    return { ...row, metrics: { ...row.metrics, percentage: share } };
  });
}

/**
 * The panels' "% of visitors": each row's visitors over the view's (the top stats'), null until
 * those are known. The panels do not ask the API for `percentage`: it would total the view's
 * visitors once more for every panel, which the top stats already do.
 */
export function withShareOfView(rows: BreakdownRow[], totalVisitors: number | null | undefined): BreakdownRow[] {
  return rows.map((row) => {
    const visitors = row.metrics.visitors;
    const share = !totalVisitors || totalVisitors <= 0 || visitors === null || visitors === undefined ? null : Math.round((visitors / totalVisitors) * 1000) / 10;
    return { ...row, metrics: { ...row.metrics, percentage: share } };
  });
}

/** One CSV cell: quoted when needed; a leading = + - @ is neutralised (spreadsheet formula injection). */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: unknown[][]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** The graph's series as CSV: `date,<metric>[,comparison_date,comparison_<metric>]`. */
export function seriesToCsv(points: SeriesPoint[], metric: string): string {
  const compared = points.some((p) => p.comparisonLabel !== null);
  const header = compared ? ['date', metric, 'comparison_date', `comparison_${metric}`] : ['date', metric];
  return toCsv([header, ...points.map((p) => (compared ? [p.label, p.value, p.comparisonLabel, p.comparisonValue] : [p.label, p.value]))]);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function parts(label: string) {
  const [date = '', time = ''] = label.split(' ');
  const [y, m, d] = date.split('-').map(Number);
  return { y: y ?? 0, m: m ?? 1, d: d ?? 1, time: time.slice(0, 5), weekday: WEEKDAYS[new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1)).getUTCDay()] ?? '' };
}

/** Short axis label of a bucket: 14:00, 3 Jan, Jan 2026. */
export function axisLabel(label: string, interval: Interval): string {
  const p = parts(label);
  if (interval === 'minute' || interval === 'hour') return p.time;
  if (interval === 'month') return `${MONTHS[p.m - 1]} ${p.y}`;
  return `${p.d} ${MONTHS[p.m - 1]}`;
}

/** Tooltip title of a bucket: "Wed, 3 Jan 14:00", "Week of 3 Jan 2026", "January 2026". */
export function bucketTitle(label: string, interval: Interval): string {
  const p = parts(label);
  if (interval === 'minute' || interval === 'hour') return `${p.weekday}, ${p.d} ${MONTHS[p.m - 1]} ${p.time}`;
  if (interval === 'week') return `Week of ${p.d} ${MONTHS[p.m - 1]} ${p.y}`;
  if (interval === 'month') return `${MONTHS[p.m - 1]} ${p.y}`;
  return `${p.weekday}, ${p.d} ${MONTHS[p.m - 1]} ${p.y}`;
}

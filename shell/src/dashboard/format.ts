/** Number, duration and percentage formatting, and metric metadata (labels, kinds, change). */

export type MetricKind = 'count' | 'ratio' | 'percent' | 'duration';

export interface MetricMeta {
  label: string;
  /** Column header in tables. */
  short: string;
  kind: MetricKind;
  /** Lower is better (bounce rate, exit rate): a decrease shows as good. */
  lowerIsBetter?: boolean;
  /** Change is a difference in percentage points, not a percentage (Plausible). */
  pointsChange?: boolean;
}

export const METRICS: Record<string, MetricMeta> = {
  visitors: { label: 'Unique visitors', short: 'Visitors', kind: 'count' },
  visits: { label: 'Total visits', short: 'Visits', kind: 'count' },
  pageviews: { label: 'Total pageviews', short: 'Pageviews', kind: 'count' },
  events: { label: 'Total events', short: 'Events', kind: 'count' },
  views_per_visit: { label: 'Views per visit', short: 'Views/visit', kind: 'ratio' },
  bounce_rate: { label: 'Bounce rate', short: 'Bounce rate', kind: 'percent', lowerIsBetter: true, pointsChange: true },
  visit_duration: { label: 'Visit duration', short: 'Duration', kind: 'duration' },
  time_on_page: { label: 'Time on page', short: 'Time on page', kind: 'duration' },
  scroll_depth: { label: 'Scroll depth', short: 'Scroll depth', kind: 'percent' },
  exit_rate: { label: 'Exit rate', short: 'Exit rate', kind: 'percent', lowerIsBetter: true, pointsChange: true },
  percentage: { label: '% of visitors', short: '%', kind: 'percent' },
  conversion_rate: { label: 'Conversion rate', short: 'CR', kind: 'percent', pointsChange: true },
  current_visitors: { label: 'Current visitors', short: 'Current', kind: 'count' },
};

export function metricMeta(metric: string): MetricMeta {
  return METRICS[metric] ?? { label: metric, short: metric, kind: 'count' };
}

/** Under a goal filter, visitors and events are conversions (Plausible's wording). */
export function topStatLabel(metric: string, goalFiltered: boolean): string {
  if (goalFiltered && metric === 'visitors') return 'Unique conversions';
  if (goalFiltered && metric === 'events') return 'Total conversions';
  return metricMeta(metric).label;
}

const FULL = new Intl.NumberFormat('en-US');

/** 999, 1.2k, 12.3k, 123k, 1.2M: compact, for cards and lists. */
export function formatNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const abs = Math.abs(value);
  const sign = value < 0 ? '-' : '';
  const units: Array<[number, string]> = [
    [1e9, 'B'],
    [1e6, 'M'],
    [1e3, 'k'],
  ];
  for (const [size, suffix] of units) {
    if (abs >= size) {
      const scaled = abs / size;
      // One decimal below 100 (12.3k), none above (123k); never "1000k".
      let text = scaled >= 100 ? String(Math.floor(scaled)) : (Math.floor(scaled * 10) / 10).toFixed(1).replace(/\.0$/, '');
      if (text === '1000' && suffix !== 'B') return `${sign}${suffix === 'k' ? '1M' : '1B'}`;
      return `${sign}${text}${suffix}`;
    }
  }
  return `${sign}${Number.isInteger(abs) ? abs : Math.round(abs * 100) / 100}`;
}

/** 1,234,567: exact, for tooltips and tables' titles. */
export function formatFullNumber(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return FULL.format(value);
}

/** 0s, 45s, 1m 5s, 1h 2m, 2d 3h. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return '—';
  const total = Math.max(0, Math.round(seconds));
  const d = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (d > 0) return `${d}d ${h}h`;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return `${m}m ${s}s`;
  return `${s}s`;
}

/** 42%, 4.5%, 0.25% -> 0.3%. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  const rounded = Math.abs(value) >= 10 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded}%`;
}

export function formatMetric(metric: string, value: unknown, options: { full?: boolean } = {}): string {
  const number = typeof value === 'number' ? value : value === null || value === undefined ? null : Number(value);
  switch (metricMeta(metric).kind) {
    case 'duration':
      return formatDuration(number);
    case 'percent':
      return formatPercent(number);
    case 'ratio':
      return number === null || !Number.isFinite(number) ? '—' : String(Math.round(number * 100) / 100);
    default:
      return options.full ? formatFullNumber(number) : formatNumber(number);
  }
}

export type ChangeDirection = 'up' | 'down' | 'flat';

export interface ChangeView {
  /** "12%", "3 pp", "0%". */
  text: string;
  direction: ChangeDirection;
  /** Whether the change is an improvement; null when flat. */
  good: boolean | null;
  /** For screen readers: "up 12%". */
  spoken: string;
}

/**
 * The change from `previous` to `current` as the Stats API computes it: percent rounded to a
 * whole number (100 when previous is 0 and current is not), or a difference in percentage
 * points for rates. null when either side is missing.
 */
export function computeChange(metric: string, previous: number | null | undefined, current: number | null | undefined): number | null {
  if (previous === null || previous === undefined || current === null || current === undefined) return null;
  if (metricMeta(metric).pointsChange) return Math.round((current - previous) * 10) / 10;
  if (previous === 0) return current > 0 ? 100 : current === 0 ? 0 : null;
  return Math.round(((current - previous) / previous) * 100);
}

export function describeChange(metric: string, change: number | null | undefined): ChangeView | null {
  if (change === null || change === undefined || !Number.isFinite(change)) return null;
  const meta = metricMeta(metric);
  const direction: ChangeDirection = change > 0 ? 'up' : change < 0 ? 'down' : 'flat';
  const magnitude = Math.abs(change);
  const text = meta.pointsChange ? `${Math.round(magnitude * 10) / 10} pp` : `${formatNumber(magnitude)}%`;
  const good = direction === 'flat' ? null : (direction === 'up') !== Boolean(meta.lowerIsBetter);
  const spoken = direction === 'flat' ? 'no change' : `${direction} ${meta.pointsChange ? `${Math.round(magnitude * 10) / 10} percentage points` : `${formatNumber(magnitude)}%`}`;
  return { text, direction, good, spoken };
}

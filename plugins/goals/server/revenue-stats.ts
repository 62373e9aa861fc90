import type { FilterTree, StatsRegistrar, StatsResult, StatsResultRow } from '@qusto/sdk';
import type { Goal } from './goal-repository.ts';
import { goalsNamed } from './goal-stats.ts';

export const REVENUE_METRICS = ['total_revenue', 'average_revenue'] as const;

/** Plausible's `meta.metric_warnings` texts for revenue metrics. */
export const REVENUE_WARNINGS = {
  no_revenue_goals_matching: 'Revenue metrics are null as there are no matching revenue goals.',
  no_single_revenue_currency: 'Revenue metrics are null as there are multiple currencies for the selected event:goals.',
} as const;
type RevenueWarning = keyof typeof REVENUE_WARNINGS;

/** A revenue value as Plausible sends it. */
export interface Money {
  short: string;
  long: string;
  value: number;
  currency: string;
}

/**
 * `total_revenue` and `average_revenue`: the sum and mean of the events' reporting amounts (set
 * at ingest in the goal's currency, see revenue-enrich.ts). The SQL gives plain numbers; the
 * `stats:result` step (`formatRevenue`) turns them into money in the right currency.
 */
export function registerRevenueMetrics(stats: StatsRegistrar): void {
  for (const [name, aggregate] of [['total_revenue', 'sum'], ['average_revenue', 'avg']] as const) {
    stats.defineMetric({
      name,
      table: 'events',
      type: 'float',
      empty: null,
      compute: { kind: 'aggregate', sql: () => `round(toFloat64(${aggregate}(revenue_reporting_amount)), 3)` },
    });
  }
}

export function formatMoney(value: number, currency: string): Money {
  const long = new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(value);
  const short = new Intl.NumberFormat('en-US', { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 }).format(value);
  return { short, long, value, currency };
}

/** The goals a query is about: those its top-level `event:goal` filters match (all without one). */
function goalsOfQuery(goals: readonly Goal[], filters: readonly FilterTree[]): readonly Goal[] {
  let matching = goals;
  for (const filter of filters) {
    if (filter[1] !== 'event:goal' || (filter[0] !== 'is' && filter[0] !== 'contains')) continue;
    const modifiers = (filter as unknown[])[3] as { case_sensitive?: boolean } | undefined;
    const named = goalsNamed(matching, filter[2] as Array<string | number>, modifiers?.case_sensitive !== false, filter[0] === 'contains');
    matching = named;
  }
  return matching;
}

/**
 * Which currency each result row's revenue is in (Plausible's revenue preloading): one currency
 * for the whole query when its revenue goals share it; per goal with an `event:goal` dimension;
 * otherwise a warning and null values.
 */
export function revenueCurrencies(
  goals: readonly Goal[],
  filters: readonly FilterTree[],
  dimensions: readonly string[],
): { warning: RevenueWarning | null; currencyOf: (row: StatsResultRow) => string | null } {
  const revenueGoals = goalsOfQuery(goals, filters).filter((g) => g.currency);
  const currencies = [...new Set(revenueGoals.map((g) => g.currency!.trim()))];
  const goalIndex = dimensions.indexOf('event:goal');
  if (currencies.length === 1 && goalIndex < 0) return { warning: null, currencyOf: () => currencies[0]! };
  if (currencies.length === 0) return { warning: 'no_revenue_goals_matching', currencyOf: () => null };
  if (goalIndex >= 0) {
    const byGoal = new Map(revenueGoals.map((g) => [g.display_name, g.currency!.trim()]));
    return { warning: null, currencyOf: (row) => byGoal.get(String(row.dimensions[goalIndex])) ?? null };
  }
  return { warning: 'no_single_revenue_currency', currencyOf: () => null };
}

const toMoney = (value: unknown, currency: string | null): Money | null =>
  currency ? formatMoney(typeof value === 'number' && Number.isFinite(value) ? value : 0, currency) : null;

/**
 * The `stats:result` step for revenue metrics: values become `{short, long, value, currency}`
 * (null without a currency) and `meta.metric_warnings` explains nulls. Returns new objects: the
 * result it is given may be cached by core.
 */
export function formatRevenue(result: StatsResult, goals: readonly Goal[]): StatsResult | undefined {
  const metrics = Array.isArray(result.query.metrics) ? (result.query.metrics as string[]) : [];
  const positions = metrics.flatMap((m, i) => ((REVENUE_METRICS as readonly string[]).includes(m) ? [i] : []));
  if (positions.length === 0) return undefined;
  const filters = Array.isArray(result.query.filters) ? (result.query.filters as FilterTree[]) : [];
  const dimensions = Array.isArray(result.query.dimensions) ? (result.query.dimensions as string[]) : [];
  const { warning, currencyOf } = revenueCurrencies(goals, filters, dimensions);
  const convert = (values: unknown[], currency: string | null) =>
    values.map((value, i) => (positions.includes(i) ? toMoney(value, currency) : value));
  const results = result.results.map((row) => {
    const currency = warning ? null : currencyOf(row);
    const shaped: StatsResultRow = { ...row, metrics: convert(row.metrics, currency) };
    if (row.comparison) shaped.comparison = { ...row.comparison, metrics: convert(row.comparison.metrics, currency) };
    return shaped;
  });
  let meta = result.meta;
  if (warning) {
    const existing = (result.meta.metric_warnings ?? {}) as Record<string, unknown>;
    const added = Object.fromEntries(positions.map((i) => [metrics[i]!, { code: warning, warning: REVENUE_WARNINGS[warning] }]));
    const merged: Record<string, unknown> = { ...result.meta, metric_warnings: { ...existing, ...added } };
    // Plausible sends meta's keys sorted.
    meta = Object.fromEntries(Object.keys(merged).sort().map((key) => [key, merged[key]]));
  }
  return { ...result, results, meta };
}

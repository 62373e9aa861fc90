import type { StatsTable } from '@qusto/sdk';

/**
 * Core metrics that rollups can answer, as sums of additive components. A query over rollups
 * adds each component from the rollup rows (closed days) to the same component computed on raw
 * rows (visits that started on days not rolled up yet), then derives the metric from the sums,
 * with the same expression, rounding and type as the raw SQL in builtin-metrics.ts.
 *
 * Adding works because rollups and raw rows never share a visitor or a visit: rows are split by
 * the UTC day the visit started, and a visitor id belongs to one such day (its salt's).
 */

export type RollupKind = 'visits' | 'visit_visitors' | 'event_counts' | 'event_visitors' | 'event_visits';

export interface RollupComponent {
  /** On rollup rows: a sum over rows of one kind. */
  rollup: string;
  /** On raw rows of the table; `live` is the condition that keeps a visit's current state. */
  raw: (live: string) => string;
}

const sumOf = (column: string, kind: RollupKind) => `sumIf(${column}, kind = '${kind}')`;

const COMPONENTS: Readonly<Record<StatsTable, Readonly<Record<string, RollupComponent>>>> = {
  events: {
    visitors: { rollup: sumOf('n', 'event_visitors'), raw: () => 'uniqExact(user_id)' },
    visits: { rollup: sumOf('n', 'event_visits'), raw: () => 'uniqExact(session_id)' },
    pageviews: { rollup: sumOf('pageviews', 'event_counts'), raw: () => "countIf(name = 'pageview')" },
    events: { rollup: sumOf('events', 'event_counts'), raw: () => "countIf(name != 'engagement')" },
  },
  sessions: {
    visitors: { rollup: sumOf('n', 'visit_visitors'), raw: (live) => `uniqExactIf(user_id, ${live})` },
    visits: { rollup: sumOf('n', 'visits'), raw: () => 'sum(sign)' },
    pageviews: { rollup: sumOf('pageviews', 'visits'), raw: () => 'sum(sign * pageviews)' },
    bounces: { rollup: sumOf('bounces', 'visits'), raw: () => 'sum(is_bounce * sign)' },
    duration: { rollup: sumOf('duration', 'visits'), raw: () => 'sum(duration * sign)' },
  },
};

interface RollupMetric {
  components: readonly string[];
  /** The metric from its summed components (`c` names a component's column). */
  value: (c: (component: string) => string) => string;
}

const METRICS: Readonly<Record<StatsTable, Readonly<Record<string, RollupMetric>>>> = {
  events: {
    visitors: { components: ['visitors'], value: (c) => `toUInt64(${c('visitors')})` },
    visits: { components: ['visits'], value: (c) => `toUInt64(${c('visits')})` },
    pageviews: { components: ['pageviews'], value: (c) => `toUInt64(${c('pageviews')})` },
    events: { components: ['events'], value: (c) => `toUInt64(${c('events')})` },
  },
  sessions: {
    visitors: { components: ['visitors'], value: (c) => `toUInt64(${c('visitors')})` },
    visits: { components: ['visits'], value: (c) => `toUInt64(greatest(${c('visits')}, 0))` },
    pageviews: { components: ['pageviews'], value: (c) => `toUInt64(greatest(${c('pageviews')}, 0))` },
    views_per_visit: {
      components: ['pageviews', 'visits'],
      value: (c) => `greatest(ifNotFinite(round(${c('pageviews')} / ${c('visits')}, 2), 0), 0)`,
    },
    bounce_rate: {
      components: ['bounces', 'visits'],
      value: (c) => `toUInt32(greatest(ifNotFinite(round(${c('bounces')} / ${c('visits')} * 100), 0), 0))`,
    },
    visit_duration: {
      components: ['duration', 'visits'],
      value: (c) => `toUInt32(greatest(ifNotFinite(round(${c('duration')} / ${c('visits')}), 0), 0))`,
    },
  },
};

export function rollupMetric(table: StatsTable, metric: string): RollupMetric | undefined {
  return METRICS[table][metric];
}

export function rollupComponent(table: StatsTable, component: string): RollupComponent {
  const found = COMPONENTS[table][component];
  if (!found) throw new Error(`no rollup component ${component} on ${table}`);
  return found;
}

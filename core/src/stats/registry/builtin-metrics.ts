import type { FilterTree, StatsQueryView, StatsRegistrar } from '@qusto/sdk';
import { dimensionsUsed, filtersOn, removeTopLevel, renameDimensions, topLevelLeaves } from '../query/filter-tree.ts';

const isTimeDimension = (dimension: string) => dimension === 'time' || dimension.startsWith('time:');

const hasPageDimensionOrFilter = (query: StatsQueryView, topLevelOnly: boolean) =>
  query.dimensions.includes('event:page') ||
  (topLevelOnly ? topLevelLeaves(query.filters, 'event:page').length > 0 : filtersOn(query.filters, 'event:page'));

/**
 * Visitors are counted exactly (uniqExact) rather than with Plausible's approximate uniq: at the
 * sizes most Qusto sites have, an estimate that is off by one is visibly wrong, and the cost on a
 * 30-day dashboard is small (see bench/query.ts).
 */
export function registerBuiltinMetrics(stats: StatsRegistrar): void {
  stats.defineMetric({
    name: 'visitors',
    table: 'either',
    type: 'integer',
    compute: {
      kind: 'aggregate',
      // On sessions, a visit's cancelled states carry the same user but possibly other pages or
      // hours: count the user only from current states.
      sql: (ctx) => (ctx.table === 'events' ? 'uniqExact(user_id)' : `uniqExactIf(user_id, ${ctx.liveSessionRow})`),
    },
  });
  stats.defineMetric({
    name: 'visits',
    table: 'either',
    type: 'integer',
    compute: { kind: 'aggregate', sql: (ctx) => (ctx.table === 'events' ? 'uniqExact(session_id)' : 'toUInt64(greatest(sum(sign), 0))') },
  });
  stats.defineMetric({
    name: 'pageviews',
    table: 'events',
    type: 'integer',
    compute: { kind: 'aggregate', sql: (ctx) => (ctx.table === 'events' ? "countIf(name = 'pageview')" : 'toUInt64(greatest(sum(sign * pageviews), 0))') },
  });
  stats.defineMetric({
    name: 'events',
    table: 'events',
    type: 'integer',
    // Engagement events measure time and scroll; they are not user actions.
    compute: { kind: 'aggregate', sql: () => "countIf(name != 'engagement')" },
  });
  stats.defineMetric({
    name: 'views_per_visit',
    table: 'sessions',
    type: 'float',
    compute: { kind: 'aggregate', sql: () => 'greatest(ifNotFinite(round(sum(sign * pageviews) / sum(sign), 2), 0), 0)' },
    validate: (query) => {
      if (filtersOn(query.filters, 'event:page')) return 'Metric `views_per_visit` cannot be queried with a filter on `event:page`.';
      // Time dimensions are allowed since Plausible 3.2.
      if (query.dimensions.some((d) => !isTimeDimension(d))) return 'Metric `views_per_visit` cannot be queried with `dimensions`.';
      return undefined;
    },
  });
  stats.defineMetric({
    name: 'bounce_rate',
    table: 'sessions',
    type: 'integer',
    compute: {
      kind: 'aggregate',
      sql: (ctx) => {
        // With a page filter, only visits that entered on a matching page count.
        const pageFilters = topLevelLeaves(ctx.query.filters, 'event:page');
        const entered = pageFilters.length > 0 ? ctx.condition(['and', renameDimensions(pageFilters, { 'event:page': 'visit:entry_page' })]) : '1';
        return `toUInt32(greatest(ifNotFinite(round(sumIf(is_bounce * sign, ${entered}) / sumIf(sign, ${entered}) * 100), 0), 0))`;
      },
    },
    change: (previous, current) => (previous === null || current === null || previous <= 0 ? null : current - previous),
  });
  stats.defineMetric({
    name: 'visit_duration',
    table: 'sessions',
    type: 'integer',
    compute: { kind: 'aggregate', sql: () => 'toUInt32(greatest(ifNotFinite(round(sum(duration * sign) / sum(sign)), 0), 0))' },
  });
  stats.defineMetric({
    name: 'percentage',
    table: 'either',
    type: 'float',
    compute: {
      kind: 'derived',
      dependsOn: ['visitors'],
      totals: [{ metric: 'visitors' }],
      sql: (ctx) => `if(${ctx.total(0)} > 0, round(${ctx.metric('visitors')} / ${ctx.total(0)} * 100, 1), NULL)`,
    },
    empty: null,
  });
  stats.defineMetric({
    name: 'scroll_depth',
    table: 'events',
    type: 'integer',
    empty: null,
    compute: {
      kind: 'subquery',
      // Deepest scroll per visit (engagement events), averaged over visits.
      sql: (ctx) => {
        const dims = ctx.dimensionAliases;
        const inner =
          `SELECT ${ctx.dimensionSelect ? `${ctx.dimensionSelect}, ` : ''}session_id, max(scroll_depth) AS __max_scroll ` +
          `FROM events WHERE ${ctx.eventsWhere} AND name = 'engagement' AND scroll_depth <= 100 ` +
          `GROUP BY ${[...dims, 'session_id'].join(', ')}`;
        return (
          `SELECT ${dims.length ? `${dims.join(', ')}, ` : ''}if(count() > 0, toUInt8(round(sum(__max_scroll) / count())), NULL) AS value ` +
          `FROM (${inner})${dims.length ? ` GROUP BY ${dims.join(', ')}` : ''}`
        );
      },
    },
    validate: (query) =>
      hasPageDimensionOrFilter(query, true) ? undefined : 'Metric `scroll_depth` can only be queried with event:page filters or dimensions.',
  });
  stats.defineMetric({
    name: 'time_on_page',
    table: 'events',
    type: 'integer',
    empty: null,
    compute: {
      kind: 'aggregate',
      // Engaged time reported by engagement events, per visit that engaged with the page.
      sql: () =>
        "if(uniqExactIf(session_id, name = 'engagement') > 0, toUInt32(round(sumIf(engagement_time, name = 'engagement') / 1000 / uniqExactIf(session_id, name = 'engagement'))), NULL)",
    },
    validate: (query) =>
      hasPageDimensionOrFilter(query, false) ? undefined : 'Metric `time_on_page` can only be queried with event:page filters or dimensions.',
  });
  stats.defineMetric({
    name: 'exit_rate',
    table: 'sessions',
    type: 'float',
    empty: null,
    compute: {
      kind: 'derived',
      dependsOn: ['visits'],
      totals: [
        {
          metric: 'pageviews',
          dimensions: { 'visit:exit_page': 'event:page' },
          filters: (filters: readonly FilterTree[]) => removeTopLevel(filters, (d) => d === 'visit:exit_page'),
        },
      ],
      sql: (ctx) => `if(${ctx.total(0)} > 0, round(${ctx.metric('visits')} / ${ctx.total(0)} * 100, 1), NULL)`,
    },
    validate: (query) => {
      if (query.dimensions.length !== 1 || query.dimensions[0] !== 'visit:exit_page') {
        return 'Metric `exit_rate` requires a `"visit:exit_page"` dimension. No other dimensions are allowed.';
      }
      if (query.filters.length > 0 && filtersTouchEvents(query.filters)) return 'Metric `exit_rate` cannot be queried when filtering on event dimensions.';
      return undefined;
    },
  });
}

function filtersTouchEvents(filters: readonly FilterTree[]): boolean {
  return dimensionsUsed(filters).some((d) => d.startsWith('event:'));
}

import type { FilterTree, StatsRegistrar } from '@qusto/sdk';
import type { Goal } from './goal-repository.ts';
import { goalCondition, type Bind } from './goal-sql.ts';

/** Internal dimension: every goal of the site, for every event (see group_conversion_rate). */
const EVERY_GOAL_DIMENSION = 'event:goal_any';

const isGoalOrPropFilter = (f: FilterTree) => f[1] === 'event:goal' || String(f[1]).startsWith('event:props:');
/** Totals of conversion rates: the same query without its goal and property filters. */
const withoutGoalFilters = (filters: readonly FilterTree[]) => filters.filter((f) => !isGoalOrPropFilter(f));

/** Goals whose display name is (or, with `contains`, includes) one of the clauses. */
export const goalsNamed = (goals: readonly Goal[], clauses: ReadonlyArray<string | number>, caseSensitive: boolean, contains: boolean) => {
  const wanted = clauses.map((c) => (caseSensitive ? String(c) : String(c).toLowerCase()));
  return goals.filter((goal) => {
    const name = caseSensitive ? goal.display_name : goal.display_name.toLowerCase();
    return contains ? wanted.some((w) => name.includes(w)) : wanted.includes(name);
  });
};

const anyOf = (goals: readonly Goal[], bind: Bind) => (goals.length === 0 ? '0' : `(${goals.map((g) => goalCondition(g, bind)).join(' OR ')})`);

/**
 * The goal stats Plausible users know, registered through the sdk's registries: the
 * `event:goal` dimension and filter (by display name) and the conversion rate metrics.
 * Under a goal filter, `visitors` and `events` are unique and total conversions.
 */
/** `goalsOf(siteId)` must answer synchronously (see GoalCatalog). */
export function registerGoalStats(stats: StatsRegistrar, goalsOf: (siteId: string) => readonly Goal[]): void {
  stats.defineDimension({
    name: 'event:goal',
    table: 'events',
    // One event can convert on several goals: the row is repeated once per goal it matches, and
    // events that match none are left out (arrayJoin of an empty array).
    sql: (ctx) => {
      const goals = goalsOf(ctx.query.siteId);
      if (goals.length === 0) return 'arrayJoin(CAST([], \'Array(String)\'))';
      const labels = goals.map((g) => `if(${goalCondition(g, ctx.param)}, ${ctx.param(g.display_name, 'String')}, '')`);
      return `arrayJoin(arrayFilter(x -> x != '', [${labels.join(', ')}]))`;
    },
  });

  stats.defineFilter({
    dimension: 'event:goal',
    table: 'events',
    operators: ['is', 'contains'],
    topLevelOnly: true,
    validate: (filter, query) => {
      if (filter[0] !== 'is') return undefined;
      const configured = new Set(goalsOf(query.siteId).map((g) => g.display_name));
      const missing = filter[2].find((clause) => !configured.has(String(clause)));
      return missing === undefined
        ? undefined
        : `Invalid filters. The goal \`${missing}\` is not configured for this site. Find out how to configure goals here: https://plausible.io/docs/stats-api#filtering-by-goals`;
    },
    sql: (ctx) => anyOf(goalsNamed(goalsOf(ctx.query.siteId), ctx.clauses, ctx.caseSensitive, ctx.operator === 'contains'), ctx.param),
  });

  // Denominator of group_conversion_rate next to an event:goal dimension: every event counts
  // once for every goal, so the visitors of a (goal, other dimensions) group are all visitors
  // of the other dimensions. Internal: only totals use it.
  stats.defineDimension({
    name: EVERY_GOAL_DIMENSION,
    table: 'events',
    groupable: false,
    filterable: false,
    sql: (ctx) => {
      const goals = goalsOf(ctx.query.siteId);
      if (goals.length === 0) return 'arrayJoin(CAST([], \'Array(String)\'))';
      return `arrayJoin([${goals.map((g) => ctx.param(g.display_name, 'String')).join(', ')}])`;
    },
  });

  const needsGoal = (name: string) => (query: { dimensions: readonly string[]; filters: readonly FilterTree[] }) =>
    query.dimensions.includes('event:goal') || query.filters.some((f) => f[1] === 'event:goal')
      ? undefined
      : `Metric \`${name}\` can only be queried with event:goal filters or dimensions.`;

  // Conversions over all visitors of the query without goal filters: one total for the whole
  // query (conversion_rate), or one per row of the other dimensions (group_conversion_rate).
  const perGroup = { 'event:goal': EVERY_GOAL_DIMENSION } as const;
  for (const [name, dimensions] of [['conversion_rate', 'none'], ['group_conversion_rate', perGroup]] as const) {
    stats.defineMetric({
      name,
      table: 'either',
      type: 'float',
      change: 'points',
      compute: {
        kind: 'derived',
        dependsOn: ['visitors'],
        totals: [{ metric: 'visitors', filters: withoutGoalFilters, dimensions }],
        sql: (ctx) => `if(${ctx.total(0)} > 0, round(${ctx.metric('visitors')} / ${ctx.total(0)} * 100, 2), 0)`,
      },
      validate: needsGoal(name),
    });
  }
}

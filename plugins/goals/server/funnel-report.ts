import type { EventStore, SiteRef } from '@qusto/sdk';
import type { Funnel } from './funnel-repository.ts';
import type { Goal } from './goal-repository.ts';
import { goalCondition } from './goal-sql.ts';

/** A visitor counts for a funnel when they complete its steps within a day (as Plausible). */
export const FUNNEL_WINDOW_SECONDS = 86_400;

export interface FunnelStepResult {
  goal: string;
  visitors: number;
  /** Visitors lost since the previous step. */
  dropoff: number;
  /** % of the previous step's visitors lost. */
  dropoff_percentage: number;
  /** % of the first step's visitors who reached this step. */
  conversion_rate: number;
  /** % of the previous step's visitors who reached this step. */
  conversion_rate_step: number;
}

export interface FunnelReport {
  name: string;
  strict_order: boolean;
  all_visitors: number;
  entering_visitors: number;
  steps: FunnelStepResult[];
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Conversion through a funnel with ClickHouse's windowFunnel over each visitor's events in the
 * date range (in the site's time zone): how many reached each step, the drop-off between steps
 * and the conversion rates. Values only reach SQL as parameters.
 */
export async function funnelReport(
  eventStore: EventStore,
  site: SiteRef,
  funnel: Funnel,
  goalsById: Map<string, Goal>,
  range: { from: string; to: string },
): Promise<FunnelReport> {
  const params: Record<string, unknown> = { site: site.id, from: range.from, to: range.to, tz: site.timezone };
  let n = 0;
  const bind = (value: unknown, type: string) => {
    const name = `g${n++}`;
    params[name] = value;
    return `{${name}:${type}}`;
  };
  const steps = funnel.steps.map((id) => goalsById.get(id)!);
  const conditions = steps.map((goal) => goalCondition(goal, bind)).join(', ');
  const mode = funnel.strict_order ? `, 'strict_order'` : '';
  const inRange = `site_id = {site:UInt64} AND toDate(timestamp, {tz:String}) BETWEEN {from:Date} AND {to:Date}`;
  const [levels, everyone] = await Promise.all([
    eventStore.query<{ level: string; visitors: string }>(
      `SELECT level, count() AS visitors FROM (
         SELECT user_id, windowFunnel(${FUNNEL_WINDOW_SECONDS}${mode})(timestamp, ${conditions}) AS level
           FROM events WHERE ${inRange} GROUP BY user_id
       ) WHERE level > 0 GROUP BY level`,
      params,
    ),
    eventStore.query<{ visitors: string }>(`SELECT uniqExact(user_id) AS visitors FROM events WHERE ${inRange} AND name != 'engagement'`, params),
  ]);
  const reachedExactly = new Map(levels.map((row) => [Number(row.level), Number(row.visitors)]));
  // windowFunnel gives the deepest step reached; a visitor at step 3 also passed 1 and 2.
  const reached = steps.map((_, index) => {
    let total = 0;
    for (const [level, visitors] of reachedExactly) if (level >= index + 1) total += visitors;
    return total;
  });
  const first = reached[0] ?? 0;
  return {
    name: funnel.name,
    strict_order: funnel.strict_order,
    all_visitors: Number(everyone[0]?.visitors ?? 0),
    entering_visitors: first,
    steps: steps.map((goal, index) => {
      const visitors = reached[index]!;
      const previous = index === 0 ? visitors : reached[index - 1]!;
      return {
        goal: goal.display_name,
        visitors,
        dropoff: previous - visitors,
        dropoff_percentage: previous > 0 ? round2(((previous - visitors) / previous) * 100) : 0,
        conversion_rate: first > 0 ? round2((visitors / first) * 100) : 0,
        conversion_rate_step: previous > 0 ? round2((visitors / previous) * 100) : 0,
      };
    }),
  };
}

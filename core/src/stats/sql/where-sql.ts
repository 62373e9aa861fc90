import type { FilterTree, StatsTable } from '@qusto/sdk';
import { children, isLeaf, visitLeaves } from '../query/filter-tree.ts';
import type { Query } from '../query/query.ts';
import { dimensionAffinity } from '../plan/table-decider.ts';
import { leafSql, type LeafContext } from './leaf-sql.ts';
import { clickhouseDateTime } from './sql-binder.ts';

export interface WhereContext extends LeafContext {
  query: Pick<Query, 'site' | 'range'>;
}

const SEVEN_DAYS = 7 * 86_400_000;

export function timeBounds(ctx: WhereContext): { from: string; to: string; sessionsFrom: string } {
  const { range } = ctx.query;
  return {
    from: ctx.binder.param(clickhouseDateTime(range.first), "DateTime('UTC')"),
    to: ctx.binder.param(clickhouseDateTime(range.last), "DateTime('UTC')"),
    sessionsFrom: ctx.binder.param(clickhouseDateTime(range.first - SEVEN_DAYS), "DateTime('UTC')"),
  };
}

const siteCondition = (ctx: WhereContext) => `site_id = ${ctx.binder.param(ctx.query.site.id, 'UInt64')}`;

/** Events of the site in the range. */
export function eventsBase(ctx: WhereContext): string {
  const { from, to } = timeBounds(ctx);
  return `${siteCondition(ctx)} AND timestamp >= ${from} AND timestamp <= ${to}`;
}

/**
 * Visits of the site active in the range. The redundant lower bound on `start` keeps the primary
 * key usable (visits last far less than 7 days).
 */
export function sessionsBase(ctx: WhereContext): string {
  const { from, to, sessionsFrom } = timeBounds(ctx);
  return `${siteCondition(ctx)} AND start >= ${sessionsFrom} AND timestamp >= ${from} AND start <= ${to}`;
}

/** A filter tree as a condition on `table`; parts on the other table become semi-joins on session_id. */
export function filterOn(tree: FilterTree, table: StatsTable, ctx: WhereContext): string {
  if (isLeaf(tree)) {
    const affinity = dimensionAffinity(ctx.registry, tree[1]);
    if (affinity === 'either' || affinity === table) return leafSql(tree, table, ctx);
    if (table === 'events') {
      // Sign-aware: a visit matches when its current state matches (cancelled states cancel out).
      return `session_id IN (SELECT session_id FROM sessions WHERE ${sessionsBase(ctx)} GROUP BY session_id HAVING sumIf(sign, ${leafSql(tree, 'sessions', ctx)}) > 0)`;
    }
    return `session_id IN (SELECT session_id FROM events WHERE ${eventsBase(ctx)} AND ${leafSql(tree, 'events', ctx)})`;
  }
  switch (tree[0]) {
    case 'and':
    case 'or':
      return `(${children(tree).map((child) => filterOn(child, table, ctx)).join(tree[0] === 'and' ? ' AND ' : ' OR ')})`;
    case 'not':
      return `NOT (${filterOn(tree[1] as FilterTree, table, ctx)})`;
    case 'has_done':
    case 'has_not_done': {
      const done = `session_id IN (SELECT session_id FROM events WHERE ${eventsBase(ctx)} AND ${filterOn(tree[1] as FilterTree, 'events', ctx)})`;
      return tree[0] === 'has_done' ? done : `NOT (${done})`;
    }
  }
  throw new Error(`unknown filter node ${String(tree[0])}`);
}

export function eventsWhere(filters: readonly FilterTree[], ctx: WhereContext): string {
  return [eventsBase(ctx), ...filters.map((f) => filterOn(f, 'events', ctx))].join(' AND ');
}

/** Whether a top-level filter reads event-only dimensions outside behavioral filters. */
function readsEvents(tree: FilterTree, ctx: WhereContext): boolean {
  return visitLeaves([tree]).some(({ leaf, behavioralDepth }) => behavioralDepth === 0 && dimensionAffinity(ctx.registry, leaf[1]) === 'events');
}

/**
 * Sessions WHERE. As in Plausible, all top-level filters on events go into one semi-join, so a
 * visit qualifies when one of its events matches all of them together.
 */
export function sessionsWhere(filters: readonly FilterTree[], ctx: WhereContext): string {
  const direct = filters.filter((f) => !readsEvents(f, ctx));
  const viaEvents = filters.filter((f) => readsEvents(f, ctx));
  const parts = [sessionsBase(ctx), ...direct.map((f) => filterOn(f, 'sessions', ctx))];
  if (viaEvents.length > 0) {
    parts.push(`session_id IN (SELECT session_id FROM events WHERE ${eventsWhere(viaEvents, ctx)})`);
  }
  return parts.join(' AND ');
}

/**
 * A group of visit rows with a visit in its current state. A group reached only by states that
 * were cancelled since (an earlier exit page, hour, ...) sums to 0 and is not reported.
 */
export const LIVE_GROUP = 'sum(sign) > 0';

/** Rows holding a visit's current state: not cancelled by a -1 row of the same version. */
export function liveSessionRow(ctx: WhereContext): string {
  return `(sign = 1 AND (session_id, events) NOT IN (SELECT session_id, events FROM sessions WHERE ${sessionsBase(ctx)} AND sign = -1))`;
}

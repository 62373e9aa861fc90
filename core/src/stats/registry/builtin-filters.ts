import type { FilterSqlContext, StatsRegistrar } from '@qusto/sdk';
import { containsAny, inStrings, matchesAny, not } from '../sql/filter-operators.ts';

const NONE = '(none)';

/**
 * Custom-property filters, with Plausible's semantics: `is` with "(none)" also matches events
 * without the key; `is_not` keeps events without the key unless "(none)" is listed;
 * contains/matches (and their negations) require the key to be present.
 */
function propFilterSql(ctx: FilterSqlContext): string {
  const key = ctx.param(ctx.key, 'String');
  const hasKey = `has(\`meta.key\`, ${key})`;
  const value = `\`meta.value\`[indexOf(\`meta.key\`, ${key})]`;
  const clauses = ctx.clauses.map(String);
  const noneListed = clauses.includes(NONE);
  switch (ctx.operator) {
    case 'is': {
      const matched = `(${hasKey} AND ${inStrings(ctx, value, clauses, ctx.caseSensitive)})`;
      return noneListed ? `(${matched} OR NOT ${hasKey})` : matched;
    }
    case 'is_not': {
      const kept = `(${hasKey} AND ${not(inStrings(ctx, value, clauses, ctx.caseSensitive))})`;
      return noneListed ? kept : `(${kept} OR NOT ${hasKey})`;
    }
    case 'contains':
      return `(${hasKey} AND ${containsAny(ctx, value, clauses, ctx.caseSensitive)})`;
    case 'contains_not':
      return `(${hasKey} AND ${not(containsAny(ctx, value, clauses, ctx.caseSensitive))})`;
    case 'matches':
      return `(${hasKey} AND ${matchesAny(ctx, value, clauses)})`;
    case 'matches_not':
      return `(${hasKey} AND ${not(matchesAny(ctx, value, clauses))})`;
  }
}

export function registerBuiltinFilters(stats: StatsRegistrar): void {
  stats.defineFilter({ dimension: 'event:props:', prefix: true, table: 'events', sql: propFilterSql });
}

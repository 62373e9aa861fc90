import type { FilterLeaf, FilterOperator, FilterTree } from '@qusto/sdk';
import type { StatsRegistry } from '../registry/stats-registry.ts';
import { inspectValue } from './elixir-inspect.ts';
import { LEAF_OPERATORS } from './filter-tree.ts';
import { QueryError } from './query-error.ts';

const COUNTRY_CODE_ERROR = 'Invalid visit:country filter, visit:country needs to be a valid 2-letter country code.';

/** Parses the `filters` list; a malformed tree is reported at its top-level index, as Plausible does. */
export function parseFilters(raw: readonly unknown[], registry: StatsRegistry): FilterTree[] {
  return raw.map((tree, index) => {
    const parsed = parseTree(tree, registry);
    if (!parsed) throw new QueryError(`#/filters/${index}: Invalid filter ${inspectValue(tree)}`);
    return parsed;
  });
}

function parseTree(value: unknown, registry: StatsRegistry): FilterTree | null {
  if (!Array.isArray(value) || typeof value[0] !== 'string') return null;
  const operator = value[0];
  if ((LEAF_OPERATORS as readonly string[]).includes(operator)) return parseLeaf(value, registry);
  if (operator === 'and' || operator === 'or') {
    if (value.length !== 2 || !Array.isArray(value[1]) || value[1].length === 0) return null;
    const parts: FilterTree[] = [];
    for (const child of value[1] as unknown[]) {
      const parsed = parseTree(child, registry);
      if (!parsed) return null;
      parts.push(parsed);
    }
    return [operator, parts];
  }
  if (operator === 'not' || operator === 'has_done' || operator === 'has_not_done') {
    if (value.length !== 2) return null;
    const inner = parseTree(value[1], registry);
    return inner ? [operator, inner] : null;
  }
  return null;
}

function parseLeaf(value: unknown[], registry: StatsRegistry): FilterLeaf | null {
  if (value.length !== 3 && value.length !== 4) return null;
  const [operator, dimension, clauses, modifiers] = value as [FilterOperator, unknown, unknown, unknown];
  if (typeof dimension !== 'string' || !Array.isArray(clauses)) return null;
  const custom = registry.filter(dimension);
  const resolved = registry.dimension(dimension);
  if (!custom && (!resolved || resolved.definition.filterable === false)) return null;
  if (custom?.definition.operators && !custom.definition.operators.includes(operator)) return null;

  const integers = resolved?.definition.valueType === 'integer';
  const valid = integers
    ? clauses.every((c) => typeof c === 'number' && Number.isSafeInteger(c))
    : clauses.every((c) => typeof c === 'string');
  if (!valid) return null;
  if (dimension === 'visit:country' && (operator === 'is' || operator === 'is_not') && !clauses.every((c) => [...(c as string)].length === 2)) {
    throw new QueryError(COUNTRY_CODE_ERROR);
  }

  if (modifiers === undefined) return [operator, dimension, clauses as Array<string | number>];
  if (modifiers === null || typeof modifiers !== 'object' || Array.isArray(modifiers)) return null;
  const entries = Object.entries(modifiers as Record<string, unknown>);
  if (!entries.every(([key, v]) => key === 'case_sensitive' && typeof v === 'boolean')) return null;
  return [operator, dimension, clauses as Array<string | number>, modifiers as { case_sensitive?: boolean }];
}

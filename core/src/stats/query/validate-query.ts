import type { FilterLeaf } from '@qusto/sdk';
import { metricsDimensionsConflict } from '../plan/table-decider.ts';
import type { StatsRegistry } from '../registry/stats-registry.ts';
import { inspectValue } from './elixir-inspect.ts';
import { PATTERN_OPERATORS, visitLeaves } from './filter-tree.ts';
import { QueryError } from './query-error.ts';
import { queryView, timeDimensionOf, type Query } from './query.ts';

/** Core dimensions that may only be filtered at the top level (plugins mark theirs on the filter). */
const TOP_LEVEL_ONLY = new Set(['event:hostname']);

const inspectLeaf = (leaf: FilterLeaf) => {
  const [operator, dimension, clauses, modifiers] = leaf;
  const parts = [`:${operator}`, inspectValue(dimension), inspectValue(clauses)];
  if (modifiers) parts.push(`%{${Object.entries(modifiers).map(([k, v]) => `${k}: ${inspectValue(v)}`).join(', ')}}`);
  return `[${parts.join(', ')}]`;
};

/**
 * The semantic checks of Plausible's QueryBuilder, in its order; the first failure is reported.
 * Metric-specific rules live with each metric in the registry.
 */
export function validateQuery(query: Query, registry: StatsRegistry): void {
  const leaves = visitLeaves(query.filters);

  for (const { leaf } of leaves) {
    if ((PATTERN_OPERATORS as readonly string[]).includes(leaf[0]) && leaf[3] && 'case_sensitive' in leaf[3]) {
      throw new QueryError(`Invalid filters. The case_sensitive modifier is not allowed with pattern operators (${inspectLeaf(leaf)})`);
    }
  }

  for (const { leaf, depth, behavioralDepth } of leaves) {
    if (depth === 0 || behavioralDepth > 0) continue;
    const dimension = leaf[1];
    if (TOP_LEVEL_ONLY.has(dimension) || registry.filter(dimension)?.definition.topLevelOnly) {
      throw new QueryError(`Invalid filters. Dimension \`${dimension}\` can only be filtered at the top level.`);
    }
  }

  for (const { leaf, behavioralDepth } of leaves) {
    if (behavioralDepth === 0) continue;
    if (behavioralDepth > 1) throw new QueryError('Invalid filters. Behavioral filters (has_done, has_not_done) cannot be nested.');
    if (!leaf[1].startsWith('event:')) {
      throw new QueryError('Invalid filters. Behavioral filters (has_done, has_not_done) can only be used with event dimension filters.');
    }
  }

  const view = queryView(query);
  for (const { leaf } of leaves) {
    const problem = registry.filter(leaf[1])?.definition.validate?.(leaf, view);
    if (problem) throw new QueryError(problem);
  }

  for (const metric of query.metrics) {
    const problem = registry.metric(metric)?.validate?.(view);
    if (problem) throw new QueryError(problem);
  }
  const conflict = metricsDimensionsConflict(registry, query.metrics, query.dimensions);
  if (conflict) throw new QueryError(conflict);

  if (query.include.timeLabels && !timeDimensionOf(query)) {
    throw new QueryError('Invalid include.time_labels: requires a time dimension.');
  }
}

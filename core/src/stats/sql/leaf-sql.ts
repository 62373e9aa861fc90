import type { DimensionDefinition, FilterLeaf, SqlBinder, StatsQueryView, StatsTable } from '@qusto/sdk';
import { caseSensitive } from '../query/filter-tree.ts';
import type { StatsRegistry } from '../registry/stats-registry.ts';
import { containsAny, inIntegers, inStrings, matchesAny, not } from './filter-operators.ts';

export interface LeafContext {
  registry: StatsRegistry;
  binder: SqlBinder;
  view: StatsQueryView;
}

/** The dimension's raw value on a table. */
export function dimensionValueSql(definition: DimensionDefinition, key: string, table: StatsTable, binder: SqlBinder, view: StatsQueryView): string {
  return definition.sql({ table, key, query: view, param: (value, type) => binder.param(value, type) });
}

/** The dimension as reported: empty values replaced by the dimension's label. */
export function dimensionLabelSql(definition: DimensionDefinition, key: string, table: StatsTable, binder: SqlBinder, view: StatsQueryView): string {
  const value = dimensionValueSql(definition, key, table, binder, view);
  if (!definition.emptyLabel) return value;
  return `if(empty(${value}), ${binder.param(definition.emptyLabel, 'String')}, ${value})`;
}

const emptyValuesOf = (definition: DimensionDefinition) => definition.emptyValues ?? (definition.emptyLabel ? [definition.emptyLabel] : []);

/**
 * One leaf filter on a column of `table`. Custom filters (props, plugins') compile themselves;
 * others apply the operator to the dimension's raw value, where the empty-value labels
 * ("Direct / None", "(not set)") stand for ''.
 */
export function leafSql(leaf: FilterLeaf, table: StatsTable, ctx: LeafContext): string {
  const [operator, dimension, clauses] = leaf;
  const sensitive = caseSensitive(leaf);
  const custom = ctx.registry.filter(dimension);
  if (custom) {
    return `(${custom.definition.sql({
      table,
      operator,
      dimension,
      key: custom.key,
      clauses,
      caseSensitive: sensitive,
      query: ctx.view,
      param: (value, type) => ctx.binder.param(value, type),
    })})`;
  }
  const resolved = ctx.registry.dimension(dimension);
  if (!resolved) throw new Error(`no dimension ${dimension}`);
  const { definition, key } = resolved;
  const value = dimensionValueSql(definition, key, table, ctx.binder, ctx.view);

  if (definition.valueType === 'integer') {
    const text = `toString(${value})`;
    switch (operator) {
      case 'is':
        return inIntegers(ctx.binder, value, clauses.map(Number));
      case 'is_not':
        return not(inIntegers(ctx.binder, value, clauses.map(Number)));
      case 'contains':
        return containsAny(ctx.binder, text, clauses.map(String), true);
      case 'contains_not':
        return not(containsAny(ctx.binder, text, clauses.map(String), true));
      case 'matches':
        return matchesAny(ctx.binder, text, clauses.map(String));
      case 'matches_not':
        return not(matchesAny(ctx.binder, text, clauses.map(String)));
    }
  }

  const strings = clauses.map(String);
  const empties = emptyValuesOf(definition);
  const fold = (s: string) => (sensitive ? s : s.toLowerCase());
  const isEmptyAlias = (clause: string) => empties.some((e) => fold(e) === fold(clause));
  const text = `toString(${value})`;
  const contains = () => {
    const base = containsAny(ctx.binder, text, strings, sensitive);
    // "direct" finds "Direct / None", i.e. visits without a source.
    const findsLabel = strings.some((needle) => empties.some((e) => fold(e).includes(fold(needle))));
    return findsLabel ? `(${base} OR empty(${value}))` : base;
  };
  switch (operator) {
    case 'is':
      return inStrings(ctx.binder, value, strings.map((c) => (isEmptyAlias(c) ? '' : c)), sensitive);
    case 'is_not':
      return not(inStrings(ctx.binder, value, strings.map((c) => (isEmptyAlias(c) ? '' : c)), sensitive));
    case 'contains':
      return contains();
    case 'contains_not':
      return not(contains());
    case 'matches':
      return matchesAny(ctx.binder, text, strings);
    case 'matches_not':
      return not(matchesAny(ctx.binder, text, strings));
  }
}

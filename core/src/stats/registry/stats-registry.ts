import type { DimensionDefinition, FilterDefinition, MetricDefinition, StatsRegistrar } from '@qusto/sdk';

/** Definitions a plugin staged during `register`. */
export interface StatsDefinitions {
  metrics: readonly MetricDefinition[];
  dimensions: readonly DimensionDefinition[];
  filters: readonly FilterDefinition[];
}

interface Owned<T> {
  owner: string;
  definition: T;
}

export interface ResolvedDimension {
  definition: DimensionDefinition;
  /** What follows a prefix (`plan` for `event:props:plan`); '' for exact names. */
  key: string;
}

export interface ResolvedFilter {
  definition: FilterDefinition;
  key: string;
}

const METRIC_NAME = /^[a-z][a-z0-9_]*$/;
const DIMENSION_NAME = /^(event|visit):[a-z0-9_]+(:[a-z0-9_]*)*$/;

/**
 * The metrics, dimensions and filters the stats API knows. Core's built-ins are registered
 * exactly as plugins' are; names are unique, and a prefix (`event:props:`) covers every name
 * that starts with it.
 */
export class StatsRegistry {
  private readonly metrics = new Map<string, Owned<MetricDefinition>>();
  private readonly dimensions = new Map<string, Owned<DimensionDefinition>>();
  private readonly prefixDimensions: Array<Owned<DimensionDefinition>> = [];
  private readonly filters = new Map<string, Owned<FilterDefinition>>();
  private readonly prefixFilters: Array<Owned<FilterDefinition>> = [];
  /** Bumped on every change, so caches keyed on it never serve results of an older registry. */
  version = 0;

  metric(name: string): MetricDefinition | undefined {
    return this.metrics.get(name)?.definition;
  }

  metricNames(): string[] {
    return [...this.metrics.keys()];
  }

  dimension(name: string): ResolvedDimension | undefined {
    const exact = this.dimensions.get(name);
    if (exact) return { definition: exact.definition, key: '' };
    for (const { definition } of this.prefixDimensions) {
      if (name.startsWith(definition.name) && name.length > definition.name.length) {
        return { definition, key: name.slice(definition.name.length) };
      }
    }
    return undefined;
  }

  /** A custom filter compiler for the dimension, if one is registered. */
  filter(dimension: string): ResolvedFilter | undefined {
    const exact = this.filters.get(dimension);
    if (exact) return { definition: exact.definition, key: '' };
    for (const { definition } of this.prefixFilters) {
      if (dimension.startsWith(definition.dimension) && dimension.length > definition.dimension.length) {
        return { definition, key: dimension.slice(definition.dimension.length) };
      }
    }
    return undefined;
  }

  /** Throws when the definitions are malformed or clash with registered ones (nothing is applied). */
  check(definitions: StatsDefinitions): void {
    const seen = new Set<string>();
    for (const metric of definitions.metrics) {
      if (!METRIC_NAME.test(metric?.name ?? '')) throw new Error(`stats metric name ${JSON.stringify(metric?.name)} must match ${METRIC_NAME}`);
      if (this.metrics.has(metric.name) || seen.has(`m:${metric.name}`)) throw new Error(`stats metric "${metric.name}" is already defined`);
      if (!metric.compute || !['aggregate', 'derived', 'subquery'].includes(metric.compute.kind)) {
        throw new Error(`stats metric "${metric.name}" needs compute.kind aggregate, derived or subquery`);
      }
      seen.add(`m:${metric.name}`);
    }
    for (const dimension of definitions.dimensions) {
      const name = dimension?.name ?? '';
      const valid = dimension?.prefix ? DIMENSION_NAME.test(`${name}x`) && name.endsWith(':') : DIMENSION_NAME.test(name);
      if (!valid) throw new Error(`stats dimension name ${JSON.stringify(name)} is not valid`);
      if (this.dimensions.has(name) || this.prefixDimensions.some((d) => d.definition.name === name) || seen.has(`d:${name}`)) {
        throw new Error(`stats dimension "${name}" is already defined`);
      }
      if (typeof dimension.sql !== 'function') throw new Error(`stats dimension "${name}" needs sql(ctx)`);
      seen.add(`d:${name}`);
    }
    for (const filter of definitions.filters) {
      const name = filter?.dimension ?? '';
      if (!name || typeof filter.sql !== 'function') throw new Error(`stats filter ${JSON.stringify(name)} needs a dimension and sql(ctx)`);
      if (this.filters.has(name) || this.prefixFilters.some((f) => f.definition.dimension === name) || seen.has(`f:${name}`)) {
        throw new Error(`a stats filter on "${name}" is already defined`);
      }
      seen.add(`f:${name}`);
    }
  }

  /** Checks, then registers everything under `owner`. */
  apply(definitions: StatsDefinitions, owner: string): void {
    this.check(definitions);
    for (const definition of definitions.metrics) this.metrics.set(definition.name, { owner, definition });
    for (const definition of definitions.dimensions) {
      if (definition.prefix) this.prefixDimensions.push({ owner, definition });
      else this.dimensions.set(definition.name, { owner, definition });
    }
    for (const definition of definitions.filters) {
      if (definition.prefix) this.prefixFilters.push({ owner, definition });
      else this.filters.set(definition.dimension, { owner, definition });
    }
    this.version++;
  }

  /** Drops everything an owner registered (a plugin that failed after register). */
  removeOwner(owner: string): void {
    for (const map of [this.metrics, this.dimensions, this.filters] as Array<Map<string, Owned<unknown>>>) {
      for (const [name, entry] of map) if (entry.owner === owner) map.delete(name);
    }
    for (const list of [this.prefixDimensions, this.prefixFilters] as Array<Array<Owned<unknown>>>) {
      for (let i = list.length - 1; i >= 0; i--) if (list[i]!.owner === owner) list.splice(i, 1);
    }
    this.version++;
  }

  /** A registrar that applies each definition at once (core's built-ins, tests). */
  registrar(owner: string): StatsRegistrar {
    return {
      defineMetric: (definition) => this.apply({ metrics: [definition], dimensions: [], filters: [] }, owner),
      defineDimension: (definition) => this.apply({ metrics: [], dimensions: [definition], filters: [] }, owner),
      defineFilter: (definition) => this.apply({ metrics: [], dimensions: [], filters: [definition] }, owner),
    };
  }
}

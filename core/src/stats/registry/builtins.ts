import { registerBuiltinDimensions } from './builtin-dimensions.ts';
import { registerBuiltinFilters } from './builtin-filters.ts';
import { registerBuiltinMetrics } from './builtin-metrics.ts';
import { StatsRegistry } from './stats-registry.ts';

/** A registry holding core's built-in metrics, dimensions and filters (owner `core`). */
export function createCoreStatsRegistry(): StatsRegistry {
  const registry = new StatsRegistry();
  const core = registry.registrar('core');
  registerBuiltinDimensions(core);
  registerBuiltinFilters(core);
  registerBuiltinMetrics(core);
  return registry;
}

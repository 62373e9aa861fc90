import type { PlainDate } from '../query/timezone.ts';

/**
 * Which part of a query's range the rollups answer. Rows are split by the UTC day a visit
 * started (its visitor id's salt day): visits that started on `builds` days come from rollup
 * rows, visits that started at or after `rawFrom` from raw rows.
 */
export interface RollupCoverage {
  /** The range is exactly the local days `firstDay`..`lastDay` of the site's zone. */
  firstDay: PlainDate;
  lastDay: PlainDate;
  /** Rolled-up salt days with data and the build to read for each. */
  builds: Array<[PlainDate, string]>;
  /** UTC midnight (epoch ms) from which visits are read raw; null when every day is rolled up. */
  rawFrom: number | null;
}

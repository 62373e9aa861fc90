/** Plausible Stats API v2 shapes (`POST /api/v2/query`). */

export type FilterOperator =
  | 'is' | 'is_not' | 'contains' | 'contains_not' | 'matches' | 'matches_not';

export type FilterLeaf =
  | [FilterOperator, string, Array<string | number>]
  | [FilterOperator, string, Array<string | number>, { case_sensitive?: boolean }];

export type FilterTree =
  | FilterLeaf
  | ['and' | 'or', FilterTree[]]
  | ['not', FilterTree]
  | ['has_done' | 'has_not_done', FilterTree];

export type DateRangeInput = string | [string, string];

export interface StatsQuery {
  site_id: string;
  metrics: string[];
  date_range: DateRangeInput;
  dimensions?: string[];
  filters?: FilterTree[];
  order_by?: Array<[string, 'asc' | 'desc']>;
  include?: {
    imports?: boolean;
    time_labels?: boolean;
    total_rows?: boolean;
    comparisons?: Record<string, unknown>;
    trim_relative_date_range?: boolean;
  };
  pagination?: { limit?: number; offset?: number };
}

export interface StatsResultRow {
  dimensions: Array<string | number>;
  metrics: unknown[];
  comparison?: { dimensions: Array<string | number>; metrics: unknown[]; change: unknown[] };
}

export interface StatsResult {
  results: StatsResultRow[];
  meta: Record<string, unknown>;
  query: Record<string, unknown>;
}

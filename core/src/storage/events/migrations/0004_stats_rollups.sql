-- Daily rollups of visits and events for the stats engine (core/src/stats/rollups). Rows are
-- grouped by the UTC day the visits started (`salt_day`: the day of the visitor id's salt, so a
-- visitor belongs to one such day) and by a key of raw columns, with the local days each visit
-- or visitor was active in (`spans`, in the site's time zone when built). `build` tells one build
-- of a day from the next; only the build recorded in stats_rollup_days is read. A query reads one
-- key and kind over a span of days: small granules keep that read close to the rows it needs.
CREATE TABLE IF NOT EXISTS stats_rollups {{on_cluster}}
(
  site_id UInt64,
  salt_day Date,
  build UInt64,
  kind Enum8('visits' = 1, 'visit_visitors' = 2, 'event_counts' = 3, 'event_visitors' = 4, 'event_visits' = 5),
  key_columns LowCardinality(String),
  key_values Array(String) CODEC(ZSTD(3)),
  spans Array(Tuple(Date, Date)),
  n UInt64,
  pageviews UInt64,
  events UInt64,
  bounces UInt64,
  duration UInt64
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY toYYYYMM(salt_day)
ORDER BY (site_id, key_columns, kind, salt_day)
SETTINGS index_granularity = 1024;

-- One row per site and salt day once it is closed: built (with the build to read, the time zone
-- it was built in and the visits' last activity) or dirty (data arrived after the build).
CREATE TABLE IF NOT EXISTS stats_rollup_days {{on_cluster}}
(
  site_id UInt64,
  salt_day Date,
  state Enum8('built' = 1, 'dirty' = 2),
  build UInt64,
  timezone LowCardinality(String),
  format UInt16,
  max_activity DateTime,
  updated_at DateTime64(3)
)
ENGINE = {{engine:ReplacingMergeTree(updated_at)}}
ORDER BY (site_id, salt_day);

-- The first salt day with visits of each site when it was last swept: days before it are empty.
CREATE TABLE IF NOT EXISTS stats_rollup_sites {{on_cluster}}
(
  site_id UInt64,
  first_day Date,
  updated_at DateTime64(3)
)
ENGINE = {{engine:ReplacingMergeTree(updated_at)}}
ORDER BY site_id;

-- One row per visit state, modelled on Plausible's sessions_v2. Every update writes the old state
-- with sign = -1 and the new one with sign = +1 (version column: events); queries aggregate with
-- sign (sum(sign), sum(x * sign)) instead of FINAL. `hostname` is the entry page's hostname.
-- acquisition_channel is computed at ingestion; legacy `channel` and EE `recovery_id` are left out.
CREATE TABLE IF NOT EXISTS sessions {{on_cluster}}
(
  session_id UInt64,
  sign Int8,
  site_id UInt64,
  user_id UInt64,
  hostname String CODEC(ZSTD(3)),
  timestamp DateTime CODEC(Delta(4), LZ4),
  start DateTime CODEC(Delta(4), LZ4),
  is_bounce UInt8,
  entry_page String CODEC(ZSTD(3)),
  exit_page String CODEC(ZSTD(3)),
  exit_page_hostname String CODEC(ZSTD(3)),
  pageviews Int32,
  events Int32,
  duration UInt32,
  referrer String CODEC(ZSTD(3)),
  referrer_source String CODEC(ZSTD(3)),
  click_id_param LowCardinality(String),
  utm_medium String CODEC(ZSTD(3)),
  utm_source String CODEC(ZSTD(3)),
  utm_campaign String CODEC(ZSTD(3)),
  utm_content String CODEC(ZSTD(3)),
  utm_term String CODEC(ZSTD(3)),
  country_code LowCardinality(FixedString(2)),
  subdivision1_code LowCardinality(String),
  subdivision2_code LowCardinality(String),
  city_geoname_id UInt32,
  screen_size LowCardinality(String),
  operating_system LowCardinality(String),
  operating_system_version LowCardinality(String),
  browser LowCardinality(String),
  browser_version LowCardinality(String),
  transferred_from String,
  `entry_meta.key` Array(String) CODEC(ZSTD(3)),
  `entry_meta.value` Array(String) CODEC(ZSTD(3)),
  acquisition_channel LowCardinality(String),
  city UInt32 ALIAS city_geoname_id,
  country LowCardinality(FixedString(2)) ALIAS country_code,
  device LowCardinality(String) ALIAS screen_size,
  screen LowCardinality(String) ALIAS screen_size,
  os LowCardinality(String) ALIAS operating_system,
  os_version LowCardinality(String) ALIAS operating_system_version,
  region LowCardinality(String) ALIAS subdivision1_code,
  source String ALIAS referrer_source,
  entry_page_hostname String ALIAS hostname,
  INDEX minmax_timestamp timestamp TYPE minmax GRANULARITY 1
)
ENGINE = {{engine:VersionedCollapsingMergeTree(sign, events)}}
PARTITION BY toYYYYMM(start)
PRIMARY KEY (site_id, toDate(start), user_id, session_id)
ORDER BY (site_id, toDate(start), user_id, session_id)
SAMPLE BY user_id
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

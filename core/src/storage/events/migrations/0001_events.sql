-- One row per event (pageview, engagement, custom event), modelled on Plausible's events_v2.
-- Session attributes (referrer .. browser_version, user_id, session_id) are copied onto every
-- event from its session at ingestion. acquisition_channel is computed at ingestion too (Plausible
-- materializes it from a dictionary). Legacy `channel` and EE `recovery_id` are left out.
-- non_replicated_deduplication_window makes insert_deduplication_token work on a single node.
CREATE TABLE IF NOT EXISTS events {{on_cluster}}
(
  timestamp DateTime CODEC(Delta(4), LZ4),
  name LowCardinality(String),
  site_id UInt64,
  user_id UInt64,
  session_id UInt64,
  hostname String CODEC(ZSTD(3)),
  pathname String CODEC(ZSTD(3)),
  referrer String CODEC(ZSTD(3)),
  referrer_source String CODEC(ZSTD(3)),
  click_id_param LowCardinality(String),
  utm_medium String CODEC(ZSTD(3)),
  utm_source String CODEC(ZSTD(3)),
  utm_campaign String CODEC(ZSTD(3)),
  utm_content String CODEC(ZSTD(3)),
  utm_term String CODEC(ZSTD(3)),
  country_code FixedString(2),
  subdivision1_code LowCardinality(String),
  subdivision2_code LowCardinality(String),
  city_geoname_id UInt32,
  screen_size LowCardinality(String),
  operating_system LowCardinality(String),
  operating_system_version LowCardinality(String),
  browser LowCardinality(String),
  browser_version LowCardinality(String),
  `meta.key` Array(String) CODEC(ZSTD(3)),
  `meta.value` Array(String) CODEC(ZSTD(3)),
  scroll_depth UInt8,
  engagement_time UInt32,
  revenue_source_amount Nullable(Decimal(18, 3)),
  revenue_reporting_amount Nullable(Decimal(18, 3)),
  revenue_source_currency FixedString(3),
  revenue_reporting_currency FixedString(3),
  acquisition_channel LowCardinality(String),
  city UInt32 ALIAS city_geoname_id,
  country FixedString(2) ALIAS country_code,
  device LowCardinality(String) ALIAS screen_size,
  screen LowCardinality(String) ALIAS screen_size,
  os LowCardinality(String) ALIAS operating_system,
  os_version LowCardinality(String) ALIAS operating_system_version,
  region LowCardinality(String) ALIAS subdivision1_code,
  source String ALIAS referrer_source
)
ENGINE = {{engine:MergeTree()}}
PARTITION BY toYYYYMM(timestamp)
PRIMARY KEY (site_id, toDate(timestamp), name, user_id)
ORDER BY (site_id, toDate(timestamp), name, user_id, timestamp)
SAMPLE BY user_id
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

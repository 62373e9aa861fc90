-- Imported historical data (Plausible's imported_* tables): one row per site, import, day and
-- dimension value; metrics are daily totals. `import_id` lets one import be deleted on its own.
-- Core's stats engine reads these tables (include.imports); the imports plugin writes them.
-- non_replicated_deduplication_window: a retried upload with the same deduplication token is
-- not applied twice.
CREATE TABLE IF NOT EXISTS imported_visitors {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  visitors UInt64,
  pageviews UInt64,
  bounces UInt64,
  visits UInt64,
  visit_duration UInt64
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, date)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS imported_sources {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  source String,
  channel LowCardinality(String),
  referrer String,
  utm_source String,
  utm_medium String,
  utm_campaign String,
  utm_content String,
  utm_term String,
  pageviews UInt64,
  visitors UInt64,
  visits UInt64,
  visit_duration UInt64,
  bounces UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, date, source)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS imported_pages {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  hostname String,
  page String,
  visits UInt64,
  visitors UInt64,
  pageviews UInt64,
  exits UInt64,
  total_scroll_depth UInt64,
  total_scroll_depth_visits UInt64,
  total_time_on_page UInt64,
  total_time_on_page_visits UInt64
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, date, hostname, page)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS imported_entry_pages {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  entry_page String,
  visitors UInt64,
  entrances UInt64,
  visit_duration UInt64,
  pageviews UInt64,
  bounces UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, date, entry_page)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS imported_exit_pages {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  exit_page String,
  visitors UInt64,
  exits UInt64,
  pageviews UInt64,
  visit_duration UInt64,
  bounces UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, date, exit_page)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS imported_locations {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  country String,
  region String,
  city UInt64,
  visitors UInt64,
  visits UInt64,
  visit_duration UInt64,
  pageviews UInt64,
  bounces UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, date, country, region, city)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS imported_devices {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  device String,
  visitors UInt64,
  visits UInt64,
  visit_duration UInt64,
  pageviews UInt64,
  bounces UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, date, device)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS imported_browsers {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  browser String,
  browser_version String,
  visitors UInt64,
  visits UInt64,
  visit_duration UInt64,
  pageviews UInt64,
  bounces UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, date, browser)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS imported_operating_systems {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  operating_system String,
  operating_system_version String,
  visitors UInt64,
  visits UInt64,
  visit_duration UInt64,
  pageviews UInt64,
  bounces UInt32
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, date, operating_system)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

CREATE TABLE IF NOT EXISTS imported_custom_events {{on_cluster}}
(
  site_id UInt64,
  import_id UInt64,
  date Date,
  name String CODEC(ZSTD(3)),
  link_url String CODEC(ZSTD(3)),
  path String CODEC(ZSTD(3)),
  visitors UInt64,
  events UInt64
)
ENGINE = {{engine:MergeTree()}}
ORDER BY (site_id, import_id, date, name)
SETTINGS index_granularity = 8192, non_replicated_deduplication_window = 1000;

-- English names of the regions (ISO 3166-2 codes, e.g. `US-CA`) and cities (GeoNames ids) that
-- the configured city database has placed visitors in, for visit:region_name and visit:city_name.
-- Written by ingestion the first time it meets a place; a place written again (another process,
-- a newer database) keeps its latest name.
CREATE TABLE IF NOT EXISTS location_names {{on_cluster}}
(
  kind LowCardinality(String),
  code String,
  name String,
  updated_at DateTime64(3)
)
ENGINE = {{engine:ReplacingMergeTree(updated_at)}}
ORDER BY (kind, code);

-- Per-site shields: events matching a rule are dropped at ingestion (hostname rules allow).
CREATE TABLE site_shields (
  id bigserial PRIMARY KEY,
  site_id bigint NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('ip', 'page', 'hostname', 'country')),
  value text NOT NULL CHECK (value <> '' AND length(value) <= 250),
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT site_shields_unique UNIQUE (site_id, kind, value)
);

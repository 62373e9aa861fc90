-- Instance-wide settings, one JSON value per key (e.g. registration mode, first-run flags).
CREATE TABLE instance_settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

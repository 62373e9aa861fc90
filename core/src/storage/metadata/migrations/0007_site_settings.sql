-- Site settings. After a domain change the old domain keeps ingesting until
-- previous_domain_expires_at (ingestion looks a site up by domain OR live previous_domain).
ALTER TABLE sites
  ADD COLUMN previous_domain text,
  ADD COLUMN previous_domain_expires_at timestamptz,
  ADD COLUMN public boolean NOT NULL DEFAULT false,
  -- Custom property keys shown on the dashboard; NULL shows every key.
  ADD COLUMN allowed_event_props jsonb;
CREATE INDEX sites_previous_domain ON sites (previous_domain) WHERE previous_domain IS NOT NULL;

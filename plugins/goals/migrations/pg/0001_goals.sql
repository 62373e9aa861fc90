-- Goals of a site. Keyed by core's site id; rows go with the site (see the site:deleted hook).
CREATE TABLE goals (
  id bigserial PRIMARY KEY,
  site_id bigint NOT NULL,
  display_name text NOT NULL,
  event_name text,
  page_path text,
  scroll_threshold smallint NOT NULL DEFAULT -1,
  custom_props jsonb NOT NULL DEFAULT '{}'::jsonb,
  currency char(3),
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT goals_kind CHECK ((event_name IS NULL) <> (page_path IS NULL)),
  CONSTRAINT goals_display_name_unique UNIQUE (site_id, display_name)
);
CREATE INDEX goals_site_id ON goals (site_id);

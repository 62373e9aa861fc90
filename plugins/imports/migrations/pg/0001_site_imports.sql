-- One row per import of historical data into the event store's imported_* tables. Keyed by
-- core's site id; the rows go with the site (see the site:deleted hook). `id` is the import_id
-- of the imported rows, so deleting an import deletes exactly its rows.
CREATE TABLE site_imports (
  id bigserial PRIMARY KEY,
  site_id bigint NOT NULL,
  source text NOT NULL DEFAULT 'csv',
  start_date date,
  end_date date,
  status text NOT NULL DEFAULT 'importing',
  -- imported_<table> -> rows imported into it
  row_counts jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- names of the files imported, in order
  files jsonb NOT NULL DEFAULT '[]'::jsonb,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT site_imports_source CHECK (source IN ('csv')),
  CONSTRAINT site_imports_status CHECK (status IN ('importing', 'completed', 'failed'))
);
CREATE INDEX site_imports_site_id ON site_imports (site_id);

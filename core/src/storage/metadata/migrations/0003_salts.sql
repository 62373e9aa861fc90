-- Daily-rotating salts for visitor ids. One row per UTC day; instances agree through the
-- primary key (the first to insert a day's salt wins). Only today's and yesterday's are kept.
CREATE TABLE salts (
  day date PRIMARY KEY,
  salt bytea NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

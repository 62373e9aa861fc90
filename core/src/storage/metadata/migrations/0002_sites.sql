-- Sites tracked by this instance. Teams, memberships and settings arrive in later migrations.
CREATE TABLE sites (
  id bigserial PRIMARY KEY,
  domain text NOT NULL,
  timezone text NOT NULL DEFAULT 'Etc/UTC',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sites_domain_format CHECK (domain = lower(domain) AND domain <> '' AND length(domain) <= 253)
);
CREATE UNIQUE INDEX sites_domain_key ON sites (domain);

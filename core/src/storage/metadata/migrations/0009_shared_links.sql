-- Shared links: /share/<domain>?auth=<slug> shows one site's stats read-only. The slug is the
-- secret (kept readable so the link can be shown again); the optional password is argon2id.
CREATE TABLE shared_links (
  id bigserial PRIMARY KEY,
  site_id bigint NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  slug text NOT NULL,
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT shared_links_name_key UNIQUE (site_id, name)
);
CREATE UNIQUE INDEX shared_links_slug_key ON shared_links (slug);

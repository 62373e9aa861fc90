-- Teams own sites; members have one role per team. Guests have a role on one site only.
CREATE TABLE teams (
  id bigserial PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  require_2fa boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE team_memberships (
  team_id bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('owner', 'admin', 'editor', 'billing', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (team_id, user_id)
);
CREATE INDEX team_memberships_user ON team_memberships (user_id);

-- Sites made before teams existed keep team_id NULL until the first user adopts them.
ALTER TABLE sites ADD COLUMN team_id bigint REFERENCES teams (id) ON DELETE RESTRICT;
CREATE INDEX sites_team ON sites (team_id);

CREATE TABLE site_guests (
  site_id bigint NOT NULL REFERENCES sites (id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('editor', 'viewer')),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (site_id, user_id)
);
CREATE INDEX site_guests_user ON site_guests (user_id);

-- Invitations by link: to a team (site_id NULL) or as a guest of one site. Token stored hashed.
CREATE TABLE invitations (
  id bigserial PRIMARY KEY,
  token_hash text NOT NULL,
  team_id bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  site_id bigint REFERENCES sites (id) ON DELETE CASCADE,
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  role text NOT NULL,
  invited_by bigint REFERENCES users (id) ON DELETE SET NULL,
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT invitations_role CHECK (
    (site_id IS NULL AND role IN ('admin', 'editor', 'billing', 'viewer'))
    OR (site_id IS NOT NULL AND role IN ('editor', 'viewer'))
  )
);
CREATE UNIQUE INDEX invitations_token_key ON invitations (token_hash);
-- One pending invitation per address and target; inviting again replaces it.
CREATE UNIQUE INDEX invitations_target_key ON invitations (team_id, COALESCE(site_id, 0), email);

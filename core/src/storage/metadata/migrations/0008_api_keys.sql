-- API keys: a user's, within one team, limited to scopes. Only the key's sha256 is stored;
-- key_prefix (the first characters) lets people tell keys apart.
CREATE TABLE api_keys (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  team_id bigint NOT NULL REFERENCES teams (id) ON DELETE CASCADE,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  key_prefix text NOT NULL,
  key_hash text NOT NULL,
  scopes jsonb NOT NULL,
  last_used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX api_keys_hash_key ON api_keys (key_hash);
CREATE INDEX api_keys_user ON api_keys (user_id);

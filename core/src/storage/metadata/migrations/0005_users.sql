-- Accounts. Emails are stored lower-case; passwords as argon2id PHC strings.
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
  name text NOT NULL DEFAULT '' CHECK (length(name) <= 100),
  password_hash text NOT NULL,
  is_admin boolean NOT NULL DEFAULT false,
  -- TOTP: the secret is set during setup, enabled_at once a code confirmed it; last_step stops replays.
  totp_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- Login sessions. The cookie holds a random token; only its sha256 is stored.
CREATE TABLE user_sessions (
  id bigserial PRIMARY KEY,
  token_hash text NOT NULL,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  user_agent text NOT NULL DEFAULT '',
  ip text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX user_sessions_token_key ON user_sessions (token_hash);
CREATE INDEX user_sessions_user ON user_sessions (user_id);

-- Single-use, expiring tokens (password reset, email change, second login step), stored hashed.
CREATE TABLE user_tokens (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_change', 'login_2fa', 'remember_device')),
  payload jsonb NOT NULL DEFAULT '{}',
  expires_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX user_tokens_user ON user_tokens (user_id, purpose);

-- 2FA recovery codes, hashed; each works once.
CREATE TABLE user_recovery_codes (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  code_hash text NOT NULL,
  used_at timestamptz
);
CREATE INDEX user_recovery_codes_user ON user_recovery_codes (user_id);

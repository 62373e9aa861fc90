-- Funnels: 2 to 8 goals in order, optionally strict (no other goal step in between).
CREATE TABLE funnels (
  id bigserial PRIMARY KEY,
  site_id bigint NOT NULL,
  name text NOT NULL CHECK (name <> '' AND length(name) <= 120),
  strict_order boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT funnels_name_unique UNIQUE (site_id, name)
);
CREATE TABLE funnel_steps (
  funnel_id bigint NOT NULL REFERENCES funnels (id) ON DELETE CASCADE,
  step_order smallint NOT NULL CHECK (step_order BETWEEN 1 AND 8),
  goal_id bigint NOT NULL REFERENCES goals (id) ON DELETE CASCADE,
  PRIMARY KEY (funnel_id, step_order)
);
CREATE INDEX funnel_steps_goal ON funnel_steps (goal_id);

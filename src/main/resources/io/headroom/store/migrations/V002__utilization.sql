-- Headroom schema 2: official utilization samples (statusLine rate_limits, unified rate-limit
-- headers) and percentages the user read on claude.ai. used_percent is 0-100 and may exceed 100.

CREATE TABLE utilization_sample (
  id           INTEGER PRIMARY KEY,
  dedup_key    TEXT    NOT NULL UNIQUE,
  source       TEXT    NOT NULL,
  provenance   TEXT    NOT NULL,
  ts           INTEGER NOT NULL,
  limit_window TEXT    NOT NULL,
  used_percent REAL    NOT NULL,
  resets_at    INTEGER,
  status       TEXT,
  session_id   TEXT,
  model        TEXT
);
CREATE INDEX utilization_sample_window_ts ON utilization_sample (limit_window, ts);

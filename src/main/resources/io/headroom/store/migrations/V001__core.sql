-- Headroom schema 1: usage, errors and limit hits, prompts, per-file import state.
-- Instants are epoch milliseconds in UTC. Statements end with ';' at the end of a line.

CREATE TABLE meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- One row per API response, whatever saw it. dedup_key is (message id, request id) when both are
-- known, so a response seen in a transcript and by the proxy is one row.
CREATE TABLE usage_event (
  id                  INTEGER PRIMARY KEY,
  dedup_key           TEXT    NOT NULL UNIQUE,
  source              TEXT    NOT NULL,
  provenance          TEXT    NOT NULL,
  ts                  INTEGER NOT NULL,
  model               TEXT    NOT NULL,
  input_tokens        INTEGER NOT NULL,
  output_tokens       INTEGER NOT NULL,
  cache_write_5m      INTEGER NOT NULL,
  cache_write_1h      INTEGER NOT NULL,
  cache_read          INTEGER NOT NULL,
  total_tokens        INTEGER NOT NULL,
  web_search_requests INTEGER NOT NULL DEFAULT 0,
  web_fetch_requests  INTEGER NOT NULL DEFAULT 0,
  speed               TEXT,
  cost_usd            REAL    NOT NULL,
  priced_as           TEXT    NOT NULL,
  price_estimated     INTEGER NOT NULL DEFAULT 0,
  project             TEXT,
  session_id          TEXT,
  message_id          TEXT,
  request_id          TEXT,
  is_sidechain        INTEGER NOT NULL DEFAULT 0,
  incomplete          INTEGER NOT NULL DEFAULT 0
);
-- Copies of one message are found by the dedup_key prefix 'm:<message id>|', so the unique
-- index serves the sidechain rule and no index on message_id is needed.
CREATE INDEX usage_event_ts ON usage_event (ts);

-- API errors as clients saw them; a usage-limit hit carries its window and reset instant.
CREATE TABLE error_event (
  id           INTEGER PRIMARY KEY,
  dedup_key    TEXT    NOT NULL UNIQUE,
  source       TEXT    NOT NULL,
  ts           INTEGER NOT NULL,
  category     TEXT    NOT NULL,
  error_type   TEXT,
  http_status  INTEGER,
  limit_window TEXT,
  reset_at     INTEGER,
  summary      TEXT,
  project      TEXT,
  session_id   TEXT,
  request_id   TEXT
);
CREATE INDEX error_event_ts ON error_event (ts);

-- User turns (no text is kept): Claude Code prompts and messages logged by hand.
CREATE TABLE prompt_event (
  id         INTEGER PRIMARY KEY,
  dedup_key  TEXT    NOT NULL UNIQUE,
  source     TEXT    NOT NULL,
  ts         INTEGER NOT NULL,
  count      INTEGER NOT NULL DEFAULT 1,
  project    TEXT,
  session_id TEXT
);
CREATE INDEX prompt_event_ts ON prompt_event (ts);

-- Incremental import: identity, size and the offset just past the last complete line read.
CREATE TABLE import_file (
  path          TEXT    PRIMARY KEY,
  file_key      TEXT,
  size          INTEGER NOT NULL,
  offset        INTEGER NOT NULL,
  mtime         INTEGER,
  head_hash     TEXT,
  lines         INTEGER NOT NULL DEFAULT 0,
  skipped       INTEGER NOT NULL DEFAULT 0,
  first_seen    INTEGER NOT NULL,
  last_import   INTEGER NOT NULL
);

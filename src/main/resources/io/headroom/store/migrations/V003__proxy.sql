-- Headroom schema 3: calls seen by the recording proxy. No bodies and no credentials are kept;
-- key_fingerprint is a short SHA-256 prefix of the API key or token. Usage of these calls is in
-- usage_event (source 'proxy'), errors in error_event, unified headers in utilization_sample.

CREATE TABLE proxy_call (
  id               INTEGER PRIMARY KEY,
  call_id          TEXT    NOT NULL UNIQUE,
  ts               INTEGER NOT NULL,
  method           TEXT    NOT NULL,
  path             TEXT    NOT NULL,
  model            TEXT,
  stream           INTEGER NOT NULL DEFAULT 0,
  status           INTEGER NOT NULL,
  error_type       TEXT,
  error_code       TEXT,
  latency_ms       REAL    NOT NULL,
  ttfb_ms          REAL    NOT NULL,
  request_id       TEXT,
  message_id       TEXT,
  key_fingerprint  TEXT,
  auth_kind        TEXT,
  user_agent       TEXT,
  x_app            TEXT,
  session_id       TEXT,
  speed            TEXT,
  has_usage        INTEGER NOT NULL DEFAULT 0,
  input_tokens     INTEGER NOT NULL DEFAULT 0,
  output_tokens    INTEGER NOT NULL DEFAULT 0,
  cache_write_5m   INTEGER NOT NULL DEFAULT 0,
  cache_write_1h   INTEGER NOT NULL DEFAULT 0,
  cache_read       INTEGER NOT NULL DEFAULT 0,
  web_search_requests INTEGER NOT NULL DEFAULT 0,
  web_fetch_requests  INTEGER NOT NULL DEFAULT 0,
  ratelimit_headers TEXT,
  incomplete       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX proxy_call_ts ON proxy_call (ts);
CREATE INDEX proxy_call_request ON proxy_call (request_id);

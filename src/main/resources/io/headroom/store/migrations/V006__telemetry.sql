-- Claude Code's OpenTelemetry export as a source.
-- A call known only by its request id (an api_request event has no message id) is one row keyed
-- 'r:<request id>'; when a transcript or the proxy brings the same call with its message id, that
-- row replaces it. Partial: such rows are few, so bulk transcript imports barely notice the index.
CREATE INDEX usage_event_request_only ON usage_event (request_id) WHERE message_id IS NULL;

-- The claude_code.token.usage metric's data points, a cross-check of the api_request events and
-- never counted as usage. Delta points each hold what is new; a cumulative series keeps its
-- latest (largest) value under its start time, so the sum per session is right either way.
CREATE TABLE telemetry_token_point (
  session_id TEXT    NOT NULL,
  model      TEXT    NOT NULL,
  type       TEXT    NOT NULL,
  start_ms   INTEGER NOT NULL,
  end_ms     INTEGER NOT NULL,
  tokens     INTEGER NOT NULL,
  PRIMARY KEY (session_id, model, type, start_ms)
);

-- Every call Claude Code's telemetry reported, ok or failed, for headroom_api_requests_total: the
-- usage row of a call may be replaced by its transcript's copy, but the call was still made.
-- Keyed like the events, so a resent export counts once.
CREATE TABLE telemetry_request (
  dedup_key  TEXT    PRIMARY KEY,
  ts         INTEGER NOT NULL,
  model      TEXT    NOT NULL,
  status     INTEGER NOT NULL,
  request_id TEXT
);
-- A call both the proxy and the telemetry saw counts once in headroom_api_requests_total.
CREATE INDEX proxy_call_request_id ON proxy_call (request_id) WHERE request_id IS NOT NULL;

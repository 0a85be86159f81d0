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

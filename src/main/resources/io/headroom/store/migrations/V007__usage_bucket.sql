-- Usage summed per 15-minute bucket and model: what the daily, weekly and monthly reports, History
-- and the Advisor read, in the time a few thousand rows take, however many events are stored (the
-- same GROUP BY over every event took 70-80 ms for 55k events, and grows with them). Buckets are
-- 15 minutes because every zone's offset from UTC is a multiple of that, so a local day is always
-- whole buckets.
CREATE TABLE usage_bucket (
  bucket         INTEGER NOT NULL,
  model          TEXT    NOT NULL,
  input_tokens   INTEGER NOT NULL,
  output_tokens  INTEGER NOT NULL,
  cache_write_5m INTEGER NOT NULL,
  cache_write_1h INTEGER NOT NULL,
  cache_read     INTEGER NOT NULL,
  cost_usd       REAL    NOT NULL,
  events         INTEGER NOT NULL,
  PRIMARY KEY (bucket, model)
) WITHOUT ROWID;

INSERT INTO usage_bucket
  SELECT ts / 900000, model, SUM(input_tokens), SUM(output_tokens), SUM(cache_write_5m), SUM(cache_write_1h),
         SUM(cache_read), SUM(cost_usd), COUNT(*)
  FROM usage_event GROUP BY ts / 900000, model;

-- The buckets whose events changed since their sums were taken, whatever wrote them (an insert, the
-- store's replacing and deleting of copies, repricing). Marking is all a write pays; the sums of the
-- marked buckets are taken again from their events before the table is next read (UsageQueries),
-- so a first import of 100k events does not pay for sums nobody reads in between. (Not INSERT OR
-- IGNORE: the conflict clause of the statement that fires a trigger overrides the trigger's own.)
CREATE TABLE usage_bucket_stale (
  bucket INTEGER PRIMARY KEY
);

CREATE TRIGGER usage_bucket_add AFTER INSERT ON usage_event BEGIN
  INSERT INTO usage_bucket_stale SELECT NEW.ts / 900000
    WHERE NOT EXISTS (SELECT 1 FROM usage_bucket_stale WHERE bucket = NEW.ts / 900000);
END;

CREATE TRIGGER usage_bucket_remove AFTER DELETE ON usage_event BEGIN
  INSERT INTO usage_bucket_stale SELECT OLD.ts / 900000
    WHERE NOT EXISTS (SELECT 1 FROM usage_bucket_stale WHERE bucket = OLD.ts / 900000);
END;

CREATE TRIGGER usage_bucket_change AFTER UPDATE OF ts, model, input_tokens, output_tokens, cache_write_5m,
    cache_write_1h, cache_read, cost_usd ON usage_event BEGIN
  INSERT INTO usage_bucket_stale SELECT OLD.ts / 900000
    WHERE NOT EXISTS (SELECT 1 FROM usage_bucket_stale WHERE bucket = OLD.ts / 900000);
  INSERT INTO usage_bucket_stale SELECT NEW.ts / 900000
    WHERE NOT EXISTS (SELECT 1 FROM usage_bucket_stale WHERE bucket = NEW.ts / 900000);
END;

#!/usr/bin/env python3
"""Fills a Headroom database with synthetic usage for benchmarks.

usage: bench/gen_events.py DB EVENTS DAYS [END_ISO]
The schema must exist (run any headroom command with --db DB first). Events are spread over DAYS
days ending at END (default now) in bursty sessions, with prompts and a few official samples.
"""
import random
import sqlite3
import sys
import time
from datetime import datetime, timezone

db, events, days = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
end = (datetime.fromisoformat(sys.argv[4].replace("Z", "+00:00")) if len(sys.argv) > 4
       else datetime.now(timezone.utc))
end_ms = int(end.timestamp() * 1000)
start_ms = end_ms - int(days * 86400 * 1000)
rnd = random.Random(42)
models = [("claude-opus-4-8", 5, 25), ("claude-sonnet-4-6", 3, 15), ("claude-haiku-4-5", 1, 5)]

con = sqlite3.connect(db)
con.execute("PRAGMA journal_mode=WAL")
con.execute("PRAGMA synchronous=OFF")
t0 = time.time()


def flush(rows, prompts):
    con.executemany("INSERT INTO usage_event (dedup_key, source, provenance, ts, model, input_tokens,"
                    " output_tokens, cache_write_5m, cache_write_1h, cache_read, total_tokens,"
                    " web_search_requests, web_fetch_requests, speed, cost_usd, priced_as, price_estimated,"
                    " project, session_id, message_id, request_id, is_sidechain, incomplete)"
                    " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.executemany("INSERT INTO prompt_event (dedup_key, source, ts, count, project, session_id)"
                    " VALUES (?,?,?,?,?,?)", prompts)
    con.commit()


# Timestamps: sorted uniform draws, so density is even over the span.
stamps = sorted(rnd.randrange(start_ms, end_ms) for _ in range(events))
rows, prompts = [], []
for i, ts in enumerate(stamps):
    model, pin, pout = models[rnd.randrange(3)]
    inp, out = rnd.randrange(1, 50), rnd.randrange(50, 3000)
    w5, rd = rnd.randrange(0, 20000), rnd.randrange(0, 200000)
    cost = (inp * pin + out * pout + w5 * pin * 1.25 + rd * pin * 0.1) / 1e6
    rows.append((f"m:bench{i}|r:bench{i}", "claude_code_log", "measured", ts, model, inp, out, w5, 0, rd,
                 inp + out + w5 + rd, 0, 0, "standard", cost, model, 0, "bench", f"s{i // 200}",
                 f"bench{i}", f"bench{i}", 0, 0))
    if i % 10 == 0:
        prompts.append((f"bench-p{i}", "claude_code_log", ts - 1000, 1, "bench", f"s{i // 200}"))
    if len(rows) >= 100_000:
        flush(rows, prompts)
        rows, prompts = [], []
flush(rows, prompts)
# Official samples every 30 minutes over the last 8 days (5-hour and weekly).
samples = []
for k in range(0, 8 * 48):
    ts = end_ms - k * 1800 * 1000
    reset5 = (ts // 3600000 + 3) * 3600000
    samples.append((f"bench-u5-{k}", "statusline", "official", ts, "five_hour", rnd.uniform(5, 90), reset5))
    samples.append((f"bench-u7-{k}", "statusline", "official", ts, "weekly", rnd.uniform(5, 60),
                    end_ms + 2 * 86400000))
con.executemany("INSERT INTO utilization_sample (dedup_key, source, provenance, ts, limit_window, used_percent,"
                " resets_at) VALUES (?,?,?,?,?,?,?)", samples)
con.commit()
con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
con.close()
print(f"{events} events over {days} days ending {end.isoformat()} in {time.time() - t0:.1f} s")

#!/usr/bin/env bash
# Times the statusLine hook exactly as `statusline --install` installs it (JVM start included).
# Usage: bench/statusline.sh [runs]   (build first: ./mvnw -q package -DskipTests)
# Everything happens in a temporary folder: the real ~/.claude and data folder are not touched.
set -euo pipefail
RUNS=${1:-50}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/target/headroom.jar"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HEADROOM_HOME="$TMP/data"
INPUT="$ROOT/src/test/resources/fixtures/statusline/oauth.jsonl"
sed -n 3p "$INPUT" > "$TMP/input.json"

java -jar "$JAR" statusline --install --settings "$TMP/claude/settings.json" > "$TMP/install.txt"
CMD=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["statusLine"]["command"])' "$TMP/claude/settings.json")
echo "command: $CMD"
echo "archive: $(ls -la "$HEADROOM_HOME/statusline.jsa" 2>/dev/null || echo none)"
echo "line:    $(sh -c "$CMD" < "$TMP/input.json")"

for i in $(seq 1 5); do sh -c "$CMD" < "$TMP/input.json" > /dev/null; done   # warm the page cache
: > "$TMP/times"
for i in $(seq 1 "$RUNS"); do
  s=$(date +%s%N)
  sh -c "$CMD" < "$TMP/input.json" > /dev/null
  e=$(date +%s%N)
  echo $(( (e - s) / 1000 )) >> "$TMP/times"
done
sort -n "$TMP/times" | awk -v n="$RUNS" '
  { t[NR] = $1 }
  END {
    p50 = t[int((n + 1) * 0.50)]; p95 = t[int(n * 0.95 + 0.999)]; max = t[n];
    printf "runs %d  p50 %.1f ms  p95 %.1f ms  max %.1f ms  (wall, includes sh -c and JVM start)\n", n, p50/1000, p95/1000, max/1000
  }'
# The floor on this machine right now: a JVM that prints its version and exits.
: > "$TMP/floor"
for i in $(seq 1 "$RUNS"); do
  s=$(date +%s%N); sh -c "java -Xshare:auto -XX:TieredStopAtLevel=1 -version" 2> /dev/null; e=$(date +%s%N)
  echo $(( (e - s) / 1000 )) >> "$TMP/floor"
done
sort -n "$TMP/floor" | awk -v n="$RUNS" '
  { t[NR] = $1 }
  END { printf "JVM floor (java -version): p50 %.1f ms  p95 %.1f ms\n", t[int((n + 1) * 0.50)]/1000, t[int(n * 0.95 + 0.999)]/1000 }'
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"

#!/usr/bin/env bash
# Times `windows --json` over a store with synthetic events.
# Usage: bench/windows.sh [EVENTS] [DAYS] [RUNS]   (build first: ./mvnw -q package -DskipTests)
set -euo pipefail
EVENTS=${1:-2000000}
DAYS=${2:-365}
RUNS=${3:-7}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JAR="$ROOT/target/headroom.jar"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
export HEADROOM_HOME="$TMP/data"
DB="$TMP/bench.db"
END=$(date -u +%Y-%m-%dT%H:%M:%SZ)
java -jar "$JAR" --db "$DB" windows --json > /dev/null        # creates the schema
python3 "$ROOT/bench/gen_events.py" "$DB" "$EVENTS" "$DAYS" "$END"
ls -la "$DB"
echo "command: java -jar target/headroom.jar --db $DB windows --json --now $END"
: > "$TMP/times"
for i in $(seq 1 "$RUNS"); do
  /usr/bin/time -f "%e %U %S" -o "$TMP/t1" java -jar "$JAR" --db "$DB" windows --json --now "$END" > "$TMP/out.json"
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$TMP/t1" >> "$TMP/times"
done
sort -n "$TMP/times" | awk -v n="$RUNS" '{ t[NR] = $1; c[NR] = $2 } END { printf "runs %d  wall median %d ms  max %d ms  min %d ms (JVM start included)\n", n, t[int((n + 1) / 2)], t[n], t[1] }'
sort -n -k2 "$TMP/times" | awk -v n="$RUNS" '{ c[NR] = $2 } END { printf "CPU (user+sys, all threads incl. JIT) median %d ms  max %d ms\n", c[int((n + 1) / 2)], c[n] }'
echo "in-process (warm JVM, what the dashboard pays per refresh):"
java -cp "$ROOT/target/classes:$ROOT/target/test-classes:$ROOT/target/lib/*" io.headroom.bench.WindowsBench "$DB" "$END" 8 | tail -4
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=d["fiveHour"]; print("fiveHour:", f["usedPercent"], f["percentProvenance"], f["limit"]["method"] if f["limit"] else None, f["forecast"]["state"])' "$TMP/out.json"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(lscpu | grep 'Model name' | sed 's/  */ /g')"

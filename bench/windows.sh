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
  s=$(date +%s%N)
  java -jar "$JAR" --db "$DB" windows --json --now "$END" > "$TMP/out.json"
  e=$(date +%s%N)
  echo $(( (e - s) / 1000000 )) >> "$TMP/times"
done
sort -n "$TMP/times" | awk -v n="$RUNS" '{ t[NR] = $1 } END { printf "runs %d  median %d ms  max %d ms  min %d ms (wall, JVM start included)\n", n, t[int((n + 1) / 2)], t[n], t[1] }'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); f=d["fiveHour"]; print("fiveHour:", f["usedPercent"], f["percentProvenance"], f["limit"]["method"] if f["limit"] else None, f["forecast"]["state"])' "$TMP/out.json"
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(lscpu | grep 'Model name' | sed 's/  */ /g')"

#!/usr/bin/env bash
# The dashboard benchmark (issue 5): with 1 million events in the store, how long from JVM start
# until the Overview shows its first batch, and how much FX-thread work each one-second tick costs.
# Usage: bench/dashboard.sh [--launcher] [--cds] [EVENTS] [DAYS] [RUNS]   (build first: ./mvnw -q package -DskipTests)
# --launcher: run java with the installed window launcher's JVM options (GUI_OPTIONS in
# installer/Package.java, read from there) and its environment (GUI_ENVIRONMENT there) instead of
# plain java -jar.
# --cds: also a class archive of the window, as bin/headroom keeps one: an untimed first run writes
# it as it ends (-XX:ArchiveClassesAtExit), the timed runs use it (-XX:SharedArchiveFile).
# The database is generated once into target/bench-dashboard/ (delete it to regenerate); the real
# app (java -jar target/headroom.jar) then runs under Xvfb with -Dheadroom.bench=true, prints its
# figures after 30 ticks and quits.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
JFLAGS=""
JENV=""
if [ "${1:-}" = "--launcher" ]; then
  shift
  JFLAGS=$(sed -n 's/.*GUI_OPTIONS = "\(.*\)";/\1/p' "$ROOT/installer/Package.java")
  [ -n "$JFLAGS" ] || { echo "GUI_OPTIONS not found in installer/Package.java"; exit 1; }
  JENV=$(sed -n 's/.*GUI_ENVIRONMENT = "\(.*\)";/\1/p' "$ROOT/installer/Package.java")
fi
CDS=0
if [ "${1:-}" = "--cds" ]; then
  shift
  CDS=1
fi
EVENTS=${1:-1000000}
DAYS=${2:-365}
RUNS=${3:-3}
JAR="$ROOT/target/headroom.jar"
WORK="$ROOT/target/bench-dashboard/$EVENTS"
export HEADROOM_HOME="$WORK/data"
export CLAUDE_CONFIG_DIR="$WORK/claude"      # empty: the bench never reads the real ~/.claude
mkdir -p "$HEADROOM_HOME" "$CLAUDE_CONFIG_DIR/projects"
DB="$HEADROOM_HOME/headroom.db"
command -v xvfb-run > /dev/null || { echo "needs xvfb-run (apt-get install xvfb)"; exit 1; }
if [ ! -f "$WORK/generated" ]; then
  rm -f "$DB" "$DB-wal" "$DB-shm"
  END=$(date -u +%Y-%m-%dT%H:%M:%SZ)
  java -jar "$JAR" windows --json > /dev/null        # creates the schema
  python3 "$ROOT/bench/gen_events.py" "$DB" "$EVENTS" "$DAYS" "$END"
  echo "$END" > "$WORK/generated"
fi
echo "store: $(sqlite3 "$DB" 'SELECT COUNT(*) FROM usage_event' 2>/dev/null || echo "$EVENTS") usage events over $DAYS days ending $(cat "$WORK/generated"); $(du -h "$DB" | cut -f1)"
if [ "$CDS" = 1 ]; then
  ARCHIVE="$ROOT/target/bench-dashboard/window.jsa"
  rm -f "$ARCHIVE"
  echo "class archive: writing $ARCHIVE (untimed run)"
  timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" env $JENV java $JFLAGS -XX:ArchiveClassesAtExit="$ARCHIVE" \
    -Dheadroom.bench=true -jar "$JAR" > /dev/null 2>&1
  [ -f "$ARCHIVE" ] || { echo "no archive written"; exit 1; }
  echo "class archive: $(du -h "$ARCHIVE" | cut -f1)"
  JFLAGS="$JFLAGS -XX:SharedArchiveFile=$ARCHIVE"
fi
echo "command: HEADROOM_HOME=$HEADROOM_HOME xvfb-run -a ${JENV:+env $JENV }java ${JFLAGS:+$JFLAGS }-Dheadroom.bench=true -jar target/headroom.jar"
echo "machine: $(nproc) cores, $(lscpu | grep 'Model name' | sed 's/  */ /g'); before: $(uptime | sed 's/.*load/load/')"
for i in $(seq 1 "$RUNS"); do
  echo "run $i:"
  timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" env $JENV java $JFLAGS -Dheadroom.bench=true -jar "$JAR" 2>&1 \
    | grep '^bench:' | sed 's/^/  /'
done
echo "after: $(uptime | sed 's/.*load/load/')"

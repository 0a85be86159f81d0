#!/usr/bin/env bash
# Import benchmark (issues 2 and 14), end to end as a user runs it, side by side with ccusage 20.
#
#   bench/import.sh [--no-build] [RUNS]        (RUNS: default 5; wrap in `flock /work/bench.lock` on a shared machine)
#
# Generates synthetic Claude Code histories in bench/work/ (io.headroom.bench.CorpusGenerator,
# Claude Code's schema): c500 (510 MB, 2,484 files of many projects and sessions) and single400
# (one 400 MB session), then, in one run, RUNS times each:
#   ccusage            `ccusage daily --json` (ccusage re-reads everything on every run)
#   cold  bin/headroom `daily --json` on an empty store (it imports first), through bin/headroom
#                      (the installed launcher's options: C1 only, serial GC, a class archive per command)
#   noop  bin/headroom the same again with nothing new
#   cold  java -jar    as cold, through plain `java -jar target/headroom.jar`
#   noop  java -jar    as noop, through java -jar
#   append             `import` after about 1 MB was appended to the largest session (then cut back)
#   jvm -version       the JVM alone with the launcher's options, and
#   version bin/headroom  `--version`: the JVM, our main and picocli's root command, nothing read;
#                      the floor under every command, beside the nothing-new target (0.15x of ccusage)
# and on single400: `import` through java -jar (peak RSS: memory must stay flat with file size) and
# ccusage daily --json. Each line: wall seconds, CPU seconds (user + system) and peak RSS (from
# /usr/bin/time); then the medians and Headroom's wall time as a multiple of ccusage's, both of the
# medians and round by round (each run against the ccusage run of its own round).
#
# ccusage: `npm install ccusage@<v>` into bench/work/ccusage, where <v> is the newest 20.x whose
# native binary for this machine the registry serves (20.0.26 has none for linux-x64 on some
# mirrors); CCUSAGE=/path/to/ccusage uses another. Without npm the comparison is skipped with a note.
# Every command runs with a private HOME and CLAUDE_CONFIG_DIR set to the corpus, so neither tool
# reads the real ~/.claude nor the network.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=1
if [ "${1:-}" = "--no-build" ]; then BUILD=0; shift; fi
RUNS=${1:-5}
WORK=$PWD/bench/work
mkdir -p "$WORK"

if [ "$BUILD" = 1 ]; then
  ./mvnw -q -B -ntp package -DskipTests
  ./mvnw -q -B -ntp test-compile
fi
GEN=(java -cp target/test-classes:target/classes io.headroom.bench.CorpusGenerator)
[ -d "$WORK/c500" ] || "${GEN[@]}" "$WORK/c500" 500 42 > /dev/null
[ -d "$WORK/single400" ] || "${GEN[@]}" "$WORK/single400" 0 3 --single-file 400 > /dev/null

# ccusage 20, native binary (the issue's reference)
CCU=${CCUSAGE:-}
if [ -z "$CCU" ] && command -v npm > /dev/null; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) native=@ccusage/ccusage-linux-x64 ;;
    Linux-aarch64) native=@ccusage/ccusage-linux-arm64 ;;
    Darwin-arm64) native=@ccusage/ccusage-darwin-arm64 ;;
    Darwin-x86_64) native=@ccusage/ccusage-darwin-x64 ;;
    *) native="" ;;
  esac
  if [ -n "$native" ]; then
    version=$(npm view "$native@^20" version 2> /dev/null | tail -1 | sed "s/.*'\(.*\)'/\1/; s/.* //")
    if [ -n "$version" ]; then
      if [ ! -x "$WORK/ccusage/node_modules/.bin/ccusage" ] \
        || [ "$("$WORK/ccusage/node_modules/.bin/ccusage" --version 2> /dev/null)" != "ccusage $version" ]; then
        rm -rf "$WORK/ccusage"
        npm install --silent --no-audit --no-fund --prefix "$WORK/ccusage" "ccusage@$version" > /dev/null 2>&1 || true
      fi
      [ -x "$WORK/ccusage/node_modules/.bin/ccusage" ] && CCU=$WORK/ccusage/node_modules/.bin/ccusage
    fi
  fi
fi
if [ -n "$CCU" ] && ! "$CCU" --version > /dev/null 2>&1; then CCU=""; fi
[ -n "$CCU" ] || echo "note: no ccusage (npm missing or no native ccusage 20 for this machine): Headroom's figures only"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM"
echo "java: $(java -version 2>&1 | head -1); ${CCU:+$("$CCU" --version)}"
echo "git: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src bin || echo ' +uncommitted changes'); load before: $(uptime | sed 's/.*load average: //')"

export HOME="$WORK/home"
mkdir -p "$HOME"
RESULTS="$WORK/results.txt"
: > "$RESULTS"
# label, corpus, command...: one line "label wall cpu rssMB" into RESULTS, printed as it comes
# Peak RSS: the larger of /usr/bin/time's (the largest single process) and the peak of all of the
# command's processes together (bench/tree_rss.py: java -jar starts the command's own JVM, app/CommandJvm).
run() {
  local label=$1 corpus=$2; shift 2
  # The sampler starts first and waits for the pid, so its own start-up does not compete with the command's.
  rm -f "$WORK/pid.fifo" && mkfifo "$WORK/pid.fifo"
  python3 bench/tree_rss.py < "$WORK/pid.fifo" > "$WORK/tree.txt" &
  local sampler=$!
  exec 3> "$WORK/pid.fifo"
  sleep 0.3
  CLAUDE_CONFIG_DIR="$corpus" /usr/bin/time -f "%e %U %S %M" -o "$WORK/time.txt" "$@" > "$WORK/out.json" 2> "$WORK/err.txt" &
  local pid=$!
  echo "$pid" >&3
  exec 3>&-
  wait "$pid" || { wait "$sampler"; echo "$label failed: $(tail -3 "$WORK/err.txt")"; return 0; }
  wait "$sampler"
  read -r wall user sys rss < <(tail -1 "$WORK/time.txt")
  local tree cpu
  tree=$(cat "$WORK/tree.txt")
  [ "${tree:-0}" -gt "$rss" ] && rss=$tree
  cpu=$(echo "$user + $sys" | bc)
  echo "$label $wall $cpu $((rss / 1024))" >> "$RESULTS"
  printf '%-22s wall %6.2f s  cpu %6.2f s  peak RSS %4d MB\n' "$label" "$wall" "$cpu" "$((rss / 1024))"
}
# The store is fresh for each cold run (--db); the data folder, with the launcher's class archives, stays.
export HEADROOM_HOME="$WORK/data"
DB=$WORK/store/headroom.db
fresh() { rm -rf "$WORK/store" && mkdir -p "$WORK/store"; }

# The launcher's class archives are written by a first, untimed run of each command.
fresh
CLAUDE_CONFIG_DIR="$WORK/single400" bin/headroom --db "$DB" daily --json > /dev/null 2>&1 || true
CLAUDE_CONFIG_DIR="$WORK/single400" bin/headroom --db "$DB" import > /dev/null 2>&1 || true
bin/headroom --version > /dev/null 2>&1 || true

dir=$WORK/c500
echo "== c500: $(du -sm "$dir" | cut -f1) MB in $(find "$dir" -name '*.jsonl' | wc -l) files"
largest=$(find "$dir" -name '*.jsonl' -not -path '*subagents*' -printf '%s %p\n' | sort -rn | awk 'NR == 1 { sub(/^[0-9]+ /, ""); print }')
size=$(stat -c %s "$largest")
for i in $(seq "$RUNS"); do
  [ -n "$CCU" ] && run "ccusage" "$dir" "$CCU" daily --json
  fresh
  run "cold bin/headroom" "$dir" bin/headroom --db "$DB" daily --json
  run "noop bin/headroom" "$dir" bin/headroom --db "$DB" daily --json
  "${GEN[@]}" "$dir" 0 "$i" --append 1 > /dev/null
  run "append bin/headroom" "$dir" bin/headroom --db "$DB" import
  truncate -s "$size" "$largest"
  fresh
  run "cold java -jar" "$dir" java -jar target/headroom.jar --db "$DB" daily --json
  run "noop java -jar" "$dir" java -jar target/headroom.jar --db "$DB" daily --json
  run "jvm -version" "$dir" java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xshare:auto -version
  run "version bin/headroom" "$dir" bin/headroom --version
done
dir=$WORK/single400
echo "== single400: $(du -sm "$dir" | cut -f1) MB in $(find "$dir" -name '*.jsonl' | wc -l) file"
for i in $(seq "$RUNS"); do
  [ -n "$CCU" ] && run "400 ccusage" "$dir" "$CCU" daily --json
  fresh
  run "400 import java -jar" "$dir" java -jar target/headroom.jar --db "$DB" import
done

echo "== medians of $RUNS (wall s, cpu s, peak RSS MB; x: wall as a multiple of ccusage's)"
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print ""; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
col() { awk -v l="$1" -v c="$2" '{ n = NF - 3; label = $1; for (i = 2; i <= n; i++) label = label " " $i; if (label == l) print $(n + c) }' "$RESULTS" | median; }
# Each run's wall time over the ccusage run of the same round, a minute apart at most: ccusage's own
# time moves 20-30% between hours on a shared machine, and this ratio moves least with it.
per_round() {
  awk -v l="$1" -v b="$2" '{ n = NF - 3; label = $1; for (i = 2; i <= n; i++) label = label " " $i
    if (label == b) base[++nb] = $(n + 1); if (label == l) val[++nv] = $(n + 1) }
    END { for (i = 1; i <= nv && i <= nb; i++) if (base[i] > 0) printf "%.2f\n", val[i] / base[i] }' "$RESULTS" | sort -n
}
base=$(col "ccusage" 1)
base400=$(col "400 ccusage" 1)
for label in "ccusage" "cold bin/headroom" "cold java -jar" "noop bin/headroom" "noop java -jar" "append bin/headroom" \
  "jvm -version" "version bin/headroom" "400 ccusage" "400 import java -jar"; do
  wall=$(col "$label" 1)
  [ -n "$wall" ] || continue
  ref=$base
  case "$label" in 400*) ref=$base400 ;; esac
  ratio=""
  rounds=""
  if [ -n "$ref" ]; then
    ratio=$(echo "scale=2; $wall / $ref" | bc | sed 's/^\./0./')
    case "$label" in
      ccusage | "400 ccusage") ;;
      400*) rounds=$(per_round "$label" "400 ccusage") ;;
      *) rounds=$(per_round "$label" "ccusage") ;;
    esac
  fi
  [ -n "$rounds" ] && rounds="  (round by round $(echo "$rounds" | head -1)-$(echo "$rounds" | tail -1)x, median $(echo "$rounds" | median)x)"
  printf '%-22s wall %6.2f s  cpu %6.2f s  peak RSS %4d MB%s%s\n' "$label" "$wall" "$(col "$label" 2)" "$(col "$label" 3)" \
    "${ratio:+  ${ratio}x}" "$rounds"
done
echo "load after: $(uptime | sed 's/.*load average: //')"

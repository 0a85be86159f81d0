#!/usr/bin/env bash
# Import benchmark, end to end through `java -jar`, as a user runs it.
#
#   bench/import.sh [RUNS]
#
# Generates synthetic Claude Code corpora in bench/work/ (100 MB and 500 MB of many projects and
# sessions, and one 400 MB session file), then measures for each:
#   cold     import into an empty database
#   append   re-import after about 1 MB was appended to the largest session
#   noop     re-import with nothing new
#   daily    `daily --json --no-import` over the imported store
# printing wall seconds, user CPU seconds and peak RSS (from /usr/bin/time) per run.
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
WORK=bench/work
mkdir -p "$WORK"

./mvnw -q -B -ntp package -DskipTests
./mvnw -q -B -ntp test-compile
GEN=(java -cp target/test-classes:target/classes io.headroom.bench.CorpusGenerator)

[ -d "$WORK/c100" ] || "${GEN[@]}" "$WORK/c100" 100 7
[ -d "$WORK/c500" ] || "${GEN[@]}" "$WORK/c500" 500 42
[ -d "$WORK/single400" ] || "${GEN[@]}" "$WORK/single400" 0 3 --single-file 400

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -g | awk '/Mem:/ {print $2}') GB RAM"
echo "java: $(java -version 2>&1 | head -1)"

# Each measurement runs twice: as `java -jar` (the issue's reference) and through bin/headroom
# (C1 only, serial GC, AppCDS: the options the installed `headroom` launcher carries).
export HEADROOM_HOME="$PWD/$WORK/home"
measure() { # label, args...
  local label=$1; shift
  /usr/bin/time -f "$label java -jar     wall %e s, user %U s, peak RSS %M KB" java -jar target/headroom.jar "$@" >/dev/null 2>"$WORK/time.txt" || true
  tail -1 "$WORK/time.txt"
}
measure_launcher() { # label, args...
  local label=$1; shift
  /usr/bin/time -f "$label bin/headroom  wall %e s, user %U s, peak RSS %M KB" bin/headroom "$@" >/dev/null 2>"$WORK/time.txt" || true
  tail -1 "$WORK/time.txt"
}
# Build the launcher's per-command class archives once, on the small corpus.
bin/headroom --db "$WORK/warm.db" import --claude-dir "$WORK/c100" >/dev/null 2>&1 || true
bin/headroom --db "$WORK/warm.db" daily --json --no-import >/dev/null 2>&1 || true
rm -f "$WORK"/warm.db*

for corpus in c100 c500 single400; do
  dir="$WORK/$corpus"
  echo "== $corpus: $(du -sm "$dir" | cut -f1) MB in $(find "$dir" -name '*.jsonl' | wc -l) files"
  for run in $(seq "$RUNS"); do
    for how in measure measure_launcher; do
      rm -rf "$WORK/db" && mkdir -p "$WORK/db"
      $how "cold  " --db "$WORK/db/h.db" import --claude-dir "$dir"
      $how "noop  " --db "$WORK/db/h.db" import --claude-dir "$dir"
      # Append ~1 MB of new turns to the largest session, re-import, then cut the file back.
      largest=$(find "$dir" -name '*.jsonl' -not -path '*subagents*' -printf '%s %p\n' | sort -rn | head -1 | cut -d' ' -f2- || true)
      size=$(stat -c %s "$largest")
      java -cp target/test-classes:target/classes io.headroom.bench.CorpusGenerator "$dir" 0 "$run" --append 1 >/dev/null
      $how "append" --db "$WORK/db/h.db" import --claude-dir "$dir"
      truncate -s "$size" "$largest"
      $how "daily " --db "$WORK/db/h.db" daily --json --no-import
    done
  done
done

#!/usr/bin/env bash
# The resident-cost benchmark (issue 14): what the window costs while nobody looks at it.
#
#   bench/idle.sh [--no-build] [--jfr FILE] [--opts "JVM OPTIONS"] [--extra "JVM OPTIONS"] [--env "VAR=VALUE ..."]
#                 [--visit-tabs] CORPUS [SECONDS]
#
# CORPUS is "c500" (a 510 MB synthetic Claude Code history made by io.headroom.bench.CorpusGenerator,
# as bench/import.sh makes it; generated once into target/bench-idle/) or "fixtures" (the test
# transcripts in src/test/resources/fixtures/claude-code). The real app runs under Xvfb with a tray
# host (trayer), with the installed window launcher's JVM options (GUI_OPTIONS in
# installer/Package.java) unless --opts gives others, and its environment (GUI_ENVIRONMENT there,
# as the menu and login entries set it) unless --env gives another ("" for none), on a fresh data
# folder and a private HOME, so it reads only CORPUS (CLAUDE_CONFIG_DIR) and never the network or
# the real ~/.claude. It waits for the first refresh (the import of CORPUS) to end, then reports the
# process's CPU seconds (utime+stime from /proc/PID/stat) and RSS over SECONDS (default 60) with
# the window shown, then over SECONDS with the window hidden to the tray (a click on the tray icon,
# as a person hides it). --visit-tabs first opens every tab once, as a person looking around does,
# and goes back to the Overview (a view left running after it is left shows here). --jfr records a
# flight recording of the whole run into FILE; --extra adds JVM options to the launcher's
# (-XX:NativeMemoryTracking=summary, say, then jcmd PID VM.native_memory).
# Wrap runs in `flock /work/bench.lock bench/idle.sh ...` on a shared machine.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
BUILD=1
JFR=""
EXTRA=""
VISIT=0
OPTS=$(sed -n 's/.*GUI_OPTIONS = "\(.*\)";/\1/p' installer/Package.java)
ENVS=$(sed -n 's/.*GUI_ENVIRONMENT = "\(.*\)";/\1/p' installer/Package.java)
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0; shift ;;
    --jfr) JFR=$2; shift 2 ;;
    --opts) OPTS=$2; shift 2 ;;
    --env) ENVS=$2; shift 2 ;;
    --visit-tabs) VISIT=1; shift ;;
    --extra) EXTRA=$2; shift 2 ;;
    *) break ;;
  esac
done
CORPUS=${1:?usage: bench/idle.sh [--no-build] [--jfr FILE] [--opts OPTS] c500|fixtures [SECONDS]}
SECONDS_EACH=${2:-60}
for tool in Xvfb trayer xdotool; do
  command -v $tool > /dev/null || { echo "needs $tool (apt-get install -y xvfb trayer xdotool)"; exit 1; }
done
if [ "$BUILD" = 1 ]; then
  ./mvnw -q -B -ntp package -DskipTests
fi
WORK="$ROOT/target/bench-idle"
case "$CORPUS" in
  fixtures) CLAUDE="$ROOT/src/test/resources/fixtures/claude-code" ;;
  c500)
    CLAUDE="$WORK/c500"
    if [ ! -d "$CLAUDE/projects" ]; then
      [ -d target/test-classes/io/headroom/bench ] || ./mvnw -q -B -ntp test-compile
      java -cp target/test-classes:target/classes io.headroom.bench.CorpusGenerator "$CLAUDE" 500 42 > /dev/null
    fi ;;
  *) echo "CORPUS is c500 or fixtures"; exit 1 ;;
esac
RUN="$WORK/run-$CORPUS"
rm -rf "$RUN" && mkdir -p "$RUN/home" "$RUN/data"
export HOME="$RUN/home" HEADROOM_HOME="$RUN/data" CLAUDE_CONFIG_DIR="$CLAUDE"
TCK=$(getconf CLK_TCK)

cpu() { # CPU seconds of process $1 so far: utime + stime (fields 14 and 15; after the ")" they are 12 and 13)
  sed 's/.*) //' "/proc/$1/stat" | awk -v t="$TCK" '{ printf "%.2f", ($12 + $13) / t }'
}
rss() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }
load() { uptime | sed 's/.*load average: //'; }

DISPLAY_NUM=$((90 + RANDOM % 100))
Xvfb ":$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp > "$RUN/xvfb.log" 2>&1 &
XVFB=$!
export DISPLAY=":$DISPLAY_NUM"
sleep 1
trayer --edge top --align right --widthtype request --height 32 > "$RUN/trayer.log" 2>&1 &
TRAYER=$!
PID=""
cleanup() {
  [ -n "$PID" ] && kill "$PID" 2> /dev/null && wait "$PID" 2> /dev/null || true
  kill "$TRAYER" "$XVFB" 2> /dev/null || true
}
trap cleanup EXIT
sleep 1

echo "corpus: $CORPUS, $(du -smL "$CLAUDE" | cut -f1) MB in $(find -L "$CLAUDE" -name "*.jsonl" | wc -l) files"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "command: HOME=$RUN/home HEADROOM_HOME=$RUN/data CLAUDE_CONFIG_DIR=$CLAUDE${ENVS:+ $ENVS} java $OPTS${EXTRA:+ $EXTRA} -jar target/headroom.jar"
echo "git: $(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src installer bin || echo ' +uncommitted changes')"
echo "load before: $(load)"
# shellcheck disable=SC2086
env $ENVS java $OPTS $EXTRA ${JFR:+-XX:StartFlightRecording=filename=$JFR,settings=profile,dumponexit=true} -jar target/headroom.jar \
  > "$RUN/app.log" 2>&1 &
PID=$!
STARTED=$(date +%s.%N)

# The first refresh imports CORPUS; it has ended when the process has used under 0.1 CPU-seconds in
# 3 seconds (at least 10 seconds after start, at most 600).
prev=$(cpu $PID)
settled=""
for _ in $(seq 1 200); do
  sleep 3
  now=$(cpu $PID)
  elapsed=$(echo "$(date +%s.%N) - $STARTED" | bc)
  if [ "$(echo "$elapsed > 10 && $now - $prev < 0.1" | bc)" = 1 ]; then settled=$elapsed; break; fi
  prev=$now
done
[ -n "$settled" ] || { echo "the app never went quiet"; exit 1; }
xdotool search --onlyvisible --name '^Headroom$' > /dev/null || { echo "no window shown"; exit 1; }
echo "pid: $PID"
printf 'first refresh done: %.1f s after start, %s CPU-s, RSS %s MB\n' "$settled" "$(cpu $PID)" "$(rss $PID)"

threads() { # "name ticks" per thread of process $1 (names may hold spaces: they sit between the parentheses)
  for t in /proc/"$1"/task/*; do
    sed -n 's/^[0-9]* (\(.*\)) [A-Z] \(.*\)$/\1|\2/p' "$t/stat" 2>/dev/null \
      | awk -F'|' '{ split($2, f, " "); print $1 "|" (f[11] + f[12]) }'
  done | sort
}
measure() { # label
  local c0 c1 peak r
  threads $PID > "$RUN/threads-before"
  c0=$(cpu $PID)
  peak=0
  for _ in $(seq 1 "$SECONDS_EACH"); do
    sleep 1
    r=$(rss $PID)
    [ "$r" -gt "$peak" ] && peak=$r
  done
  c1=$(cpu $PID)
  printf '%-14s %s s: %5.2f CPU-s (%4.1f%% of a core), RSS end %s MB, peak %s MB; load %s\n' "$1" "$SECONDS_EACH" \
    "$(echo "$c1 - $c0" | bc)" "$(echo "($c1 - $c0) * 100 / $SECONDS_EACH" | bc -l)" "$(rss $PID)" "$peak" "$(load)"
  # where it went: the threads that used the most CPU in the interval (threads of one name summed)
  threads $PID | awk -F'|' -v t="$TCK" 'NR == FNR { before[$1] += $2; next } { after[$1] += $2 }
    END { for (n in after) { d = after[n] - before[n]; if (d > 0) printf "    %.2f CPU-s  %s\n", d / t, n } }' \
    "$RUN/threads-before" - | sort -rn | head -6
}
if [ "$VISIT" = 1 ]; then
  # The tab headers sit at the window's top left; the Overview's is first. The arrow keys move along them.
  WIN=$(xdotool search --onlyvisible --name '^Headroom$' | head -1)
  eval "$(xdotool getwindowgeometry --shell "$WIN")"
  xdotool mousemove $((X + 70)) $((Y + 80)) click 1
  for _ in 1 2 3 4 5; do sleep 3; xdotool key Right; done
  sleep 3
  for _ in 1 2 3 4 5; do xdotool key Left; sleep 0.3; done
  sleep 5
  echo "visited every tab, back on the Overview"
fi
measure "window shown"

# Hide to the tray as a person does: a click on the tray icon (its action toggles the window). With
# no window manager the full-screen window covers the tray host; the host is raised first.
PANEL=$(xdotool search --name '^panel$' | head -1)
xdotool windowraise "$PANEL"
eval "$(xdotool getwindowgeometry --shell "$PANEL")"
xdotool mousemove $((X + WIDTH / 2)) $((Y + HEIGHT / 2)) click 1
for _ in $(seq 1 20); do
  xdotool search --onlyvisible --name '^Headroom$' > /dev/null || break
  sleep 0.5
done
if xdotool search --onlyvisible --name '^Headroom$' > /dev/null; then echo "the window did not hide"; exit 1; fi
sleep 3
measure "window hidden"
echo "load after: $(load)"

#!/usr/bin/env bash
# Builds the Linux installers and checks them as a user would (issue: installers).
#   installer/check-linux.sh          (as root or with sudo for the .deb install step)
# 1. ./mvnw -Pinstaller package: app-image and .deb in target/installer/
# 2. the packaged `headroom` runs --version and `daily --json` on the fixture transcripts
#    and must find exactly their totals
# 3. the packaged window starts under Xvfb, shows its window and its refresh imports the fixtures
#    without an error in its log (xvfb, x11-utils, libgtk-3-0)
# 4. the .deb's menu entry sets GUI_ENVIRONMENT; the .deb installs (headroom on the PATH), runs,
#    and uninstalls leaving the user's data
# Prints sizes and start-up times.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v xvfb-run >/dev/null || need+=(xvfb)
command -v xwininfo >/dev/null || need+=(x11-utils)
command -v fakeroot >/dev/null || need+=(fakeroot)
dpkg -s libgtk-3-0 >/dev/null 2>&1 || need+=(libgtk-3-0)
if [ ${#need[@]} -gt 0 ]; then apt-get update -qq && apt-get install -y -qq "${need[@]}" >/dev/null; fi

./mvnw -q -B -ntp -Pinstaller package -DskipTests
image=target/installer/Headroom
deb=$(ls target/installer/headroom_*.deb)
echo "app-image: $(du -sm "$image" | cut -f1) MB on disk; deb: $(du -m "$deb" | cut -f1) MB"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export HEADROOM_HOME="$work/data"
cp -r src/test/resources/fixtures/claude-code "$work/claude"

"$image/bin/headroom" --version
totals=$("$image/bin/headroom" daily --json -z UTC --claude-dir "$work/claude" \
  | python3 -c 'import json,sys; t=json.load(sys.stdin)["totals"]; print(t["inputTokens"], t["outputTokens"], t["cacheCreationTokens"], t["cacheReadTokens"])')
[ "$totals" = "55126 166 55116 110237" ] || { echo "packaged daily --json: wrong totals: $totals"; exit 1; }
echo "packaged daily --json: fixture totals exact ($totals)"

cat > "$work/gui.sh" <<'GUI'
#!/bin/bash
start=$(date +%s%N)
"$1" > "$2/app.log" 2>&1 &
pid=$!
for i in $(seq 1 300); do
  if xwininfo -root -tree 2>/dev/null | grep -q '"Headroom"'; then
    echo "window shown after $(( ($(date +%s%N) - start) / 1000000 )) ms"
    # The window's own refresh must import the fixtures (it failed in the image once, for a missing JDK module).
    for j in $(seq 1 200); do
      t=$("$3" daily --json --no-import -z UTC 2>/dev/null | python3 -c 'import json,sys; t=json.load(sys.stdin)["totals"]; print(t["inputTokens"], t["outputTokens"], t["cacheCreationTokens"], t["cacheReadTokens"])' 2>/dev/null || true)
      [ "$t" = "55126 166 55116 110237" ] && break
      sleep 0.1
    done
    kill $pid
    if grep -E -q 'Exception|Error:|NoClassDefFound' "$2/app.log"; then echo "the window logged an error:"; cat "$2/app.log"; exit 1; fi
    [ "$t" = "55126 166 55116 110237" ] || { echo "the window's refresh did not import the fixtures ($t)"; cat "$2/app.log"; exit 1; }
    echo "the window's refresh imported the fixture totals exactly"; exit 0
  fi
  sleep 0.05
done
echo "no window within 15 s"; cat "$2/app.log"; kill $pid; exit 1
GUI
chmod +x "$work/gui.sh"
# A data folder of its own, so what the window imports is not what the command above already did.
HEADROOM_HOME="$work/window-data" CLAUDE_CONFIG_DIR="$work/claude" xvfb-run -a -s "-screen 0 1440x900x24" \
  "$work/gui.sh" "$PWD/$image/bin/Headroom" "$work" "$PWD/$image/bin/headroom"

# The menu entry starts the window with the launchers' environment (GUI_ENVIRONMENT in Package.java).
env_line=$(sed -n 's/.*GUI_ENVIRONMENT = "\(.*\)";/\1/p' installer/Package.java)
dpkg-deb -x "$deb" "$work/deb"
exec_line=$(grep -h '^Exec=' "$work"/deb/opt/headroom/lib/*.desktop)
[ "$exec_line" = "Exec=env $env_line /opt/headroom/bin/Headroom" ] || { echo "menu entry: $exec_line"; exit 1; }
echo "menu entry: $exec_line"

if [ "$(id -u)" = 0 ]; then
  rm -f /var/cache/apt/archives/headroom_*.deb
  apt-get install -y -qq "./$deb" >/dev/null
  headroom --version
  headroom daily --json --no-import >/dev/null && echo "installed headroom on the PATH: ok"
  apt-get remove -y -qq headroom >/dev/null
  [ ! -e /usr/bin/headroom ] && [ -f "$HEADROOM_HOME/headroom.db" ] && echo "removed; user data kept: ok"
else
  echo "(not root: skipped installing the .deb)"
fi

#!/usr/bin/env bash
# End to end at 10 and 50 messages/s: POST -> analysed -> sentiment badge visible in an agent's browser (Playwright,
# headless Chromium at /usr/bin/chromium), default rate limits, traffic over the three demo customers.
#   bench/end-to-end.sh [rates=10,50] [seconds=60]
# Production mode (what agents use; the figures in docs/benchmarks.md): OMNIOPS_JAR=target/omniops.jar bench/end-to-end.sh
# E2E_OPTS="--watched=1 --trace=/tmp/trace.json" adds options (a Chromium performance trace of the first tab);
# --frames splits the badge's time at the push frame the tab received and prints each tab's push frames, long tasks
# and elements (docs/benchmarks.md §3); E2E_JAVA_OPTS=-De2e.sample=/tmp/frame.txt keeps the largest frame of the first tab,
# -De2e.frames-dump=/tmp/frames.json all of its frames (run one rate), read by
# "$JAVA" -cp "$CP" uk.co.omniops.bench.PushFrames /tmp/frames.json (what the frames carried, by element id).
source "$(dirname "$0")/lib.sh"
RATES="${1:-10,50}"; SECONDS_PER_RATE="${2:-60}"
PORT="${PORT:-18080}"; PGPORT="${PGPORT:-25432}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bench_build
DATA="$BUILD/bench-data-e2e"; rm -rf "$DATA"
uptime
app_start --omniops.simulator.enabled=false --omniops.database.embedded-port="$PGPORT"
"$JAVA" ${E2E_JAVA_OPTS:-} -cp "$CP" uk.co.omniops.bench.EndToEnd --base="http://127.0.0.1:$PORT" --rates="$RATES" --seconds="$SECONDS_PER_RATE" ${E2E_OPTS:-}
# the server's side of the path, over all rates: update published -> tab redraw starts (lag), the redraw itself
echo "server-side timers (seconds):"
curl -fs "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" | grep -E '^omniops_ui_live_update_(lag|redraw)_seconds(\{.*quantile|_count|_max)' || true
app_stop
uptime

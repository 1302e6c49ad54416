#!/usr/bin/env bash
# The executive's /insights page in Chromium (Playwright, headless /usr/bin/chromium), last 7, 30 and 90 days:
# cold first load (new browser context, empty cache), warm reload (same tab), and a period switch in the open page,
# each until the headline figures are shown and all five charts have drawn; plus where the time goes (docs/benchmarks.md §7b).
#   bench/insights-page.sh [periods=7,30,90] [repeat=5]
# Production mode (what users run; the figures in docs/benchmarks.md):
#   OMNIOPS_JAR=target/omniops.jar bench/insights-page.sh
# INSIGHTS_OPTS="--verbose" prints every load's breakdown; "--warmup=0" counts the first loads after start too.
source "$(dirname "$0")/lib.sh"
PERIODS="${1:-7,30,90}"; REPEAT="${2:-5}"
PORT="${PORT:-18280}"; PGPORT="${PGPORT:-25480}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bench_build
DATA="$BUILD/bench-data-insights"; rm -rf "$DATA"
uptime
# dev profile as in the README (demo customers with six weeks of insight history); the chat simulator stays on
app_start --omniops.database.embedded-port="$PGPORT"
"$JAVA" -cp "$CP" uk.co.omniops.bench.InsightsPage --base="http://127.0.0.1:$PORT" --periods="$PERIODS" --repeat="$REPEAT" ${INSIGHTS_OPTS:-}
ps -o rss= -p "$APP_PID" | awk '{printf "application RSS %.0f MB\n", $1/1024}'
app_stop
uptime

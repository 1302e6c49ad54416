#!/usr/bin/env bash
# Vaadin capacity: heap per active agent session (Playwright browser contexts signed in as agents, a conversation
# open in the inbox, push connected, chat simulator on so that pushes flow) and sessions per 1 GiB heap.
# The application runs with -Xmx1g (the instance size in question), so the last step also shows that it holds them.
#   bench/sessions.sh [steps=1,10,25,50]
source "$(dirname "$0")/lib.sh"
STEPS="${1:-1,10,25,50}"
PORT="${PORT:-18080}"; PGPORT="${PGPORT:-25432}"
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
bench_build
DATA="$BUILD/bench-data-sessions"; rm -rf "$DATA"
uptime
APP_JAVA_OPTS="-Xmx1g ${APP_JAVA_OPTS:-}" app_start --omniops.database.embedded-port="$PGPORT"
"$JAVA" -cp "$CP" uk.co.omniops.bench.Sessions --base="http://127.0.0.1:$PORT" --pid="$APP_PID" --steps="$STEPS" --heap-mb=1024
ps -o rss= -p "$APP_PID" | awk '{printf "application RSS %.0f MB\n", $1/1024}'
app_stop
uptime

#!/usr/bin/env bash
# Vaadin capacity with protocol-level clients (bench/PushSessions): agent sessions signed in through the login form,
# a conversation open in the inbox, push websocket connected and read, opened step by step up to hundreds or
# thousands, against an application with -Xmx1g (the instance size in question) and the chat simulator on so that
# pushes flow. After each step: used heap after full GC, the time until a new message reaches every session showing
# its conversation, and one more sign-in, timed. bench/sessions.sh does the same with real browsers (≤ 40 here).
#   bench/push-sessions.sh [steps=1,250,500,1000]        OMNIOPS_JAR=… runs the production jar (recommended)
source "$(dirname "$0")/lib.sh"
STEPS="${1:-1,250,500,1000}"
PORT="${PORT:-18080}"; PGPORT="${PGPORT:-25432}"
bench_build
DATA="$BUILD/bench-data-push-sessions"; rm -rf "$DATA"
uptime
APP_JAVA_OPTS="-Xmx1g ${APP_JAVA_OPTS:-}" app_start --omniops.database.embedded-port="$PGPORT"
"$JAVA" -cp "$CP" uk.co.omniops.bench.PushSessions --base="http://127.0.0.1:$PORT" --pid="$APP_PID" --steps="$STEPS" \
  --heap-mb=1024 ${PUSH_SESSIONS_OPTS:-}
ps -o rss= -p "$APP_PID" | awk '{printf "application RSS %.0f MB\n", $1/1024}'
echo "OutOfMemoryError in the application log: $(grep -c OutOfMemoryError "$BUILD/bench-app-$PORT.log" || true)"
app_stop
uptime

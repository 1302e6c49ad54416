#!/usr/bin/env bash
# Backfill of N (default 1,000,000) unanalysed contact messages while the service runs, as in production:
#   1. start the application (dev profile, fixed embedded PostgreSQL/Redis ports, chat simulator off);
#   2. insert N contact messages directly into PostgreSQL (bench/BackfillData; like an import from another system);
#   3. run the operations command `backfill-sentiment --days=7 --batch-size=1000` as its own process against the
#      running instance's PostgreSQL and Redis (DATABASE_URL/REDIS_URL, as an operator would against production),
#      timed, while the application consumes the analysis jobs;
#   4. watch the queue until all N messages are analysed, at most WATCH_SECONDS (default 900) after the command: jobs
#      (one per conversation) done and pending, oldest pending job, messages analysed and their rate, and the live
#      analysis jobs' waits meanwhile (LIVE_PER_MINUTE=60 turns the chat simulator on for live traffic).
#   bench/backfill.sh [messages=1000000] [watch-seconds=900]   (docs/benchmarks.md: 100000 300 on the shared machine)
# BACKFILL_STATUS=open inserts open conversations instead of resolved ones: their messages take the live path (each
# analysed with its events: escalation, prediction, suggestions), as for conversations still being worked.
source "$(dirname "$0")/lib.sh"
MESSAGES="${1:-1000000}"; WATCH_SECONDS="${2:-900}"
PORT="${PORT:-18080}"; PGPORT="${PGPORT:-25432}"; REDISPORT="${REDISPORT:-26379}"
bench_build
DATA="$BUILD/bench-data-backfill"; rm -rf "$DATA"
uptime
LIVE_PER_MINUTE="${LIVE_PER_MINUTE:-0}"
app_start --omniops.simulator.enabled=$([ "$LIVE_PER_MINUTE" -gt 0 ] && echo true || echo false) \
  --omniops.simulator.messages-per-minute="$(( LIVE_PER_MINUTE > 0 ? LIVE_PER_MINUTE : 6 ))" \
  --omniops.database.embedded-port="$PGPORT" --omniops.redis.embedded-port="$REDISPORT"
JDBC="jdbc:postgresql://127.0.0.1:$PGPORT/postgres"
"$JAVA" -cp "$CP" uk.co.omniops.bench.BackfillData --jdbc="$JDBC" --messages="$MESSAGES" \
  --status="${BACKFILL_STATUS:-resolved}"
"$JAVA" -cp "$CP" uk.co.omniops.bench.BackfillData --jdbc="$JDBC" --watch --seconds=$((WATCH_SECONDS + 36000)) --every=30 \
  --expect="$MESSAGES" \
  > "$BUILD/bench-backfill-watch.log" 2>&1 &
WATCH_PID=$!
started=$(date +%s)
"$JAVA" --enable-native-access=ALL-UNNAMED -cp "$CP" uk.co.omniops.OmniOpsApplication backfill-sentiment --days=7 --batch-size=1000 \
  --omniops.database.mode=external --omniops.database.url="postgresql://postgres:postgres@127.0.0.1:$PGPORT/postgres" \
  --omniops.redis.mode=external --omniops.redis.url="redis://127.0.0.1:$REDISPORT" --omniops.demo.enabled=false \
  | awk '!/^  scanned / || ++n % 100 == 0' || true
echo "backfill-sentiment command took $(( $(date +%s) - started )) s"
for _ in $(seq "$WATCH_SECONDS"); do kill -0 "$WATCH_PID" 2>/dev/null || break; sleep 1; done
echo "all analysed (or watch time over) $(( $(date +%s) - started )) s after the command started"
kill "$WATCH_PID" 2>/dev/null || true
cat "$BUILD/bench-backfill-watch.log"
app_stop
uptime

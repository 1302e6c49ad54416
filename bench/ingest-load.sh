#!/usr/bin/env bash
# The seed's ingestion load test on loopback, twice:
#   A. 5,000 concurrent message POSTs with the per-key rate limit raised (omniops.api.rate-limit.per-second/burst =
#      1,000,000: the limiter is out of the way, the figure is the service's own), then the queue: time until the
#      burst's 5,000 analysis jobs are done and the lag per message (budget 30 s);
#   B. the same burst with the default limit (50/s sustained, burst 500 per key) on one key: expect ~500 accepted and
#      ~4,500 answered 429 with Retry-After.
# Each run starts the application fresh (dev profile: embedded PostgreSQL + Redis, demo data; chat simulator off so
# that only this traffic runs), waits for /api/ready, runs ANALYZE (the demo data was inserted seconds before and
# autovacuum has not looked at it yet; a production database has current statistics; ANALYZE=0 skips it), runs
# bench/IngestLoad and stops the application. VMSTAT=1 prints the machine's CPU use every 5 s during phase A. Phase A
# also prints the CPU seconds of the application, PostgreSQL and the load generator while the POSTs are answered and
# while the queue drains, per accepted message (bench/cpu-split.py): the figures that scale to other hardware.
# PIN=1 pins PostgreSQL to core 1 and the application and load generator to core 0 (taskset): a separate database.
#   bench/ingest-load.sh [requests=5000] [concurrency=5000]        (PHASES="A" or "B" runs one of them)
source "$(dirname "$0")/lib.sh"
REQUESTS="${1:-5000}"; CONCURRENCY="${2:-$REQUESTS}"
PORT="${PORT:-18080}"; PGPORT="${PGPORT:-25432}"
bench_build
COMMON=(--omniops.simulator.enabled=false --omniops.database.embedded-port="$PGPORT")

PHASES="${PHASES:-A B}"
if [[ "$PHASES" == *A* ]]; then
echo "== A. limit raised: $REQUESTS requests, $CONCURRENCY concurrent, 1 key; then queue drain"; uptime
DATA="$BUILD/bench-data-ingest"; rm -rf "$DATA"
app_start "${COMMON[@]}" --omniops.api.rate-limit.per-second=1000000 --omniops.api.rate-limit.burst=1000000
[ "${ANALYZE:-1}" = 1 ] && PGPASSWORD=postgres psql -X -q -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres -c analyze
sleep "${SETTLE:-0}" # SETTLE=60 on a busy machine: the demo data's start-up runners finish before the burst
[ "${VMSTAT:-0}" = 1 ] && { vmstat -n 5 > "$BUILD/bench-ingest-vmstat.log" & VMSTAT_PID=$!; }
CLIENT_PREFIX=()
if [ "${PIN:-0}" = 1 ]; then # PostgreSQL on core 1 alone; the application and the load generator share core 0
  pin_postgres 1; taskset -a -cp 0 "$APP_PID" >/dev/null; CLIENT_PREFIX=(taskset -c 0)
fi
cpu_start IngestLoad
"${CLIENT_PREFIX[@]}" "$JAVA" -cp "$CP" uk.co.omniops.bench.IngestLoad --base="http://127.0.0.1:$PORT" --requests="$REQUESTS" \
  --concurrency="$CONCURRENCY" --conversations=500 --jdbc="jdbc:postgresql://127.0.0.1:$PGPORT/postgres" \
  | while IFS= read -r line; do
      case "$line" in
        set-up:*) cpu_mark burst-start ;;
        "RESULT ingest"*) cpu_mark posts-answered; ACCEPTED="${line#*accepted=}"; echo "${ACCEPTED%% *}" > "$BUILD/cpu-accepted" ;;
      esac
      printf '%s\n' "$line"
    done || true
cpu_mark queue-drained
cpu_report posts-answered="$(cat "$BUILD/cpu-accepted" 2>/dev/null || echo 0)" queue-drained="$(cat "$BUILD/cpu-accepted" 2>/dev/null || echo 0)"
[ -n "${VMSTAT_PID:-}" ] && { kill "$VMSTAT_PID"; cat "$BUILD/bench-ingest-vmstat.log"; }
# how many analysis jobs a worker ran together (issue 19: 1 when idle, up to omniops.jobs.batch-size under a burst)
curl -fs "http://127.0.0.1:$MGMT_PORT/actuator/prometheus" | grep -E '^omniops_analysis_batch_size' || true
app_stop
fi

if [[ "$PHASES" == *B* ]]; then
echo "== B. default limit (50/s, burst 500 per key): $REQUESTS requests, $CONCURRENCY concurrent, 1 key"; uptime
DATA="$BUILD/bench-data-ingest"; rm -rf "$DATA"
app_start "${COMMON[@]}"
"$JAVA" -cp "$CP" uk.co.omniops.bench.IngestLoad --base="http://127.0.0.1:$PORT" --requests="$REQUESTS" \
  --concurrency="$CONCURRENCY" --conversations=200 --pause=12 || true
app_stop
fi
uptime

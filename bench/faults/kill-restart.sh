#!/usr/bin/env bash
# Scenario 1: kill -9 the application during a burst of 1,000 messages, restart it. The client retries every
# failed request with the same Idempotency-Key. Expected: every message stored once and analysed once.
source "$(dirname "$0")/lib.sh"
faults_init kill-restart
COUNT=${COUNT:-1000}
CONVERSATIONS=${CONVERSATIONS:-20}
KILL_AFTER=${KILL_AFTER:-300}   # accepted messages before the kill
RUN="k$(date +%s)"

start_single_instance
t0=$SECONDS

client burst --base "http://127.0.0.1:$PORT" --key "$FAULTS_KEY" --run "$RUN" --count "$COUNT" \
  --conversations "$CONVERSATIONS" --concurrency 16 --retry-for 300 --progress "$WORK/progress" \
  >"$WORK/client.out" 2>&1 &
CLIENT=$!
FAULTS_OTHER_PIDS+=("$CLIENT")

accepted() { local n; n=$(cat "$WORK/progress" 2>/dev/null || true); echo "${n:-0}"; }
until [ "$(accepted)" -ge "$KILL_AFTER" ]; do
  kill -0 "$CLIENT" 2>/dev/null || { cat "$WORK/client.out"; log "client ended before the kill"; exit 1; }
  sleep 0.05
done
kill -9 "$(app_pid app)"
killed_at=$(accepted)
log "kill -9 after $killed_at accepted messages"
in_flight=$(sql "select count(*) from jobs where status in ('queued','running')")
log "analysis jobs queued or running at the kill: $in_flight"
sleep 2
start_app app "$PORT"
wait_ready "$PORT" "${STARTUP_TIMEOUT:-300}" "$(app_pid app)"
log "restarted and ready $((SECONDS - t0))s after the burst began"

wait "$CLIENT" || true
cat "$WORK/client.out"
client verify --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/omniops?user=postgres" --run "$RUN" \
  --conversations "$CONVERSATIONS" --count "$COUNT" --timeout "${VERIFY_TIMEOUT:-420}" | tee "$WORK/verify.out"
rc=${PIPESTATUS[0]}
log "scenario took $((SECONDS - t0))s (kill after $killed_at accepted)"
exit "$rc"

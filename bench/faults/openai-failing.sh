#!/usr/bin/env bash
# Scenario 4: the OpenAI sentiment engine switched on against a WireMock stub of /v1/chat/completions that first
# answers too slowly (over the 3 s timeout), then with 500s. Expected: every message is still analysed by the
# in-process model within the timeout, omniops_ml_api_errors_total rises on /actuator/prometheus (management port), the ML
# availability rule fires in-app (a row in ops_alerts, a Slack message to the stub).
# The rule's window is shortened from 2 min to ALERT_WINDOW (default 30s) to keep the run short; the rule and its
# evaluation are the product's.
source "$(dirname "$0")/lib.sh"
faults_init openai-failing
COUNT=${COUNT:-120}
CONVERSATIONS=${CONVERSATIONS:-10}
RUN="o$(date +%s)"

start_postgres
start_redis
WM_PORT=$(free_port)
WM_JAR=$(find ~/.m2/repository/org/wiremock/wiremock-standalone -name 'wiremock-standalone-3*.jar' | sort | tail -1)
java -jar "$WM_JAR" --port "$WM_PORT" --bind-address 127.0.0.1 --disable-banner \
  >"$WORK/wiremock.log" 2>&1 &
FAULTS_OTHER_PIDS+=("$!")
until curl -sf "http://127.0.0.1:$WM_PORT/__admin/mappings" >/dev/null; do sleep 0.3; done
stub() { curl -sf -X POST "http://127.0.0.1:$WM_PORT/__admin/mappings" -d "$1" >/dev/null; }
stub '{"request":{"method":"POST","url":"/slack"},"response":{"status":200,"body":"ok"}}'
# phase 1: a model that answers after 6 s (the engine gives up after 3 s)
stub '{"priority":5,"request":{"method":"POST","url":"/v1/chat/completions"},"response":{"status":200,"fixedDelayMilliseconds":6000,
  "headers":{"Content-Type":"application/json"},"jsonBody":{"id":"x","object":"chat.completion","created":1,"model":"gpt-4o-mini",
  "choices":[{"index":0,"message":{"role":"assistant","content":"{\"label\":\"neutral\",\"score\":0.5,\"confidence\":0.9}"},"finish_reason":"stop"}],
  "usage":{"prompt_tokens":10,"completion_tokens":5,"total_tokens":15}}}}'
log "WireMock (OpenAI and Slack stub) on 127.0.0.1:$WM_PORT"

PORT=$(free_port)
OPENAI_API_KEY=sk-fault-test SLACK_WEBHOOK_URL="http://127.0.0.1:$WM_PORT/slack" start_app app "$PORT" \
  --spring.ai.openai.base-url="http://127.0.0.1:$WM_PORT/v1" --omniops.analysis.openai-sentiment-enabled=true \
  --omniops.alerts.availability-window="${ALERT_WINDOW:-30s}"
wait_ready "$PORT" "${STARTUP_TIMEOUT:-300}" "$(app_pid app)"
seed_customer
t0=$SECONDS
metric() { curl -s "http://127.0.0.1:$(mgmt_port app)/actuator/prometheus" | grep -E "^omniops_ml_api_(errors_total|availability)" || true; }
log "metrics before: $(metric | tr '\n' ' ')"

client burst --base "http://127.0.0.1:$PORT" --key "$FAULTS_KEY" --run "$RUN" --count "$((COUNT / 2))" \
  --conversations "$CONVERSATIONS" --concurrency 8 --rate 4 --retry-for 60
log "phase 2: the stub answers 500"
stub '{"priority":1,"request":{"method":"POST","url":"/v1/chat/completions"},"response":{"status":500,
  "headers":{"Content-Type":"application/json"},"jsonBody":{"error":{"message":"boom","type":"server_error"}}}}'
client burst --base "http://127.0.0.1:$PORT" --key "$FAULTS_KEY" --run "${RUN}b" --count "$((COUNT / 2))" \
  --conversations "$CONVERSATIONS" --concurrency 8 --rate 4 --retry-for 60
JDBC="jdbc:postgresql://127.0.0.1:$PG_PORT/omniops?user=postgres"
client verify --jdbc "$JDBC" --run "$RUN" --conversations "$CONVERSATIONS" --count "$((COUNT / 2))" --timeout 240 | grep -v '^waiting'
rc=${PIPESTATUS[0]}
client verify --jdbc "$JDBC" --run "${RUN}b" --conversations "$CONVERSATIONS" --count "$((COUNT / 2))" --timeout 240 | grep -v '^waiting'
rc=$((rc + PIPESTATUS[0]))
log "models that produced the stored sentiments: $(sql "select model || '=' || count(*) from sentiment_analysis group by model" | tr '\n' ' ')"
log "message stored -> analysed (s): $(sql "select 'p50=' || round(percentile_cont(0.5) within group (order by extract(epoch from s.created_at - m.created_at))::numeric, 2)
  || ' max=' || round(max(extract(epoch from s.created_at - m.created_at))::numeric, 2)
  from sentiment_analysis s join messages m on m.id = s.message_id")"
log "external model calls by outcome: $(sql "select outcome || '=' || count(*) from ai_usage group by outcome" | tr '\n' ' ')"
log "metrics after: $(metric | tr '\n' ' ')"
fired=
for _ in $(seq 240); do
  fired=$(sql "select rule || ' ' || status || ' value=' || round(value::numeric, 3) || ' notified=' || notifications || ' at ' || fired_at
                 from ops_alerts where status = 'firing'")
  [ -n "$fired" ] && break
  sleep 1
done
if [ -n "$fired" ]; then
  log "in-app alert fired: $fired ($((SECONDS - t0))s after the first failing call)"
else
  log "no alert fired"
  rc=1
fi
slack=$(curl -s -X POST "http://127.0.0.1:$WM_PORT/__admin/requests/count" -d '{"method":"POST","url":"/slack"}')
log "Slack stub received: $slack"
log "scenario took $((SECONDS - t0))s"
exit "$rc"

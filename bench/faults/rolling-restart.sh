#!/usr/bin/env bash
# Scenario 5 (ingestion part): three instances behind nginx (sticky by session cookie) sharing PostgreSQL and
# Redis; while RATE messages/s go through nginx WITHOUT client retries, each instance in turn gets SIGTERM
# (graceful shutdown), is started again and must be ready before the next one. Expected: 0 failed requests, every
# message stored and analysed once.
#
# nginx: `proxy_next_upstream error timeout http_502 http_503 non_idempotent` retries a request on another
# instance when the chosen one refuses the connection (stopping or not started yet) or answers 502/503. For POSTs
# that is safe here only because every ingestion POST is idempotent by its Idempotency-Key; clients must send one.
source "$(dirname "$0")/lib.sh"
faults_init rolling-restart
if ! command -v nginx >/dev/null; then
  log "installing nginx (Debian)"
  # no service start during the install (containers have no init; we run our own nginx below)
  if [ ! -e /usr/sbin/policy-rc.d ]; then printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d; trap_rm=1; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null
  [ -n "${trap_rm:-}" ] && rm -f /usr/sbin/policy-rc.d
fi
RATE=${RATE:-8}
CONVERSATIONS=${CONVERSATIONS:-10}
RUN="r$(date +%s)"

start_postgres
start_redis
P1=$(free_port); P2=$(free_port); P3=$(free_port); NGINX_PORT=$(free_port)
start_app a1 "$P1"
wait_ready "$P1" "${STARTUP_TIMEOUT:-300}" "$(app_pid a1)"   # the first one migrates the database
start_app a2 "$P2"
start_app a3 "$P3"
wait_ready "$P2" "${STARTUP_TIMEOUT:-300}" "$(app_pid a2)"
wait_ready "$P3" "${STARTUP_TIMEOUT:-300}" "$(app_pid a3)"
seed_customer

mkdir -p "$WORK/nginx-tmp"
cat >"$WORK/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
daemon off;
events { worker_connections 2048; }
http {
  log_format upstreams '\$status \$upstream_addr \$upstream_status';
  access_log $WORK/nginx-access.log upstreams;
  client_body_temp_path $WORK/nginx-tmp/body;
  proxy_temp_path $WORK/nginx-tmp/proxy;
  fastcgi_temp_path $WORK/nginx-tmp/fastcgi;
  uwsgi_temp_path $WORK/nginx-tmp/uwsgi;
  scgi_temp_path $WORK/nginx-tmp/scgi;
  # Vaadin push: websocket upgrade when asked, otherwise a plain request
  map \$http_upgrade \$connection_upgrade { default upgrade; '' close; }
  # affinity: a browser's session sticks to its instance; requests without a session (API clients) spread
  map \$cookie_JSESSIONID \$affinity { '' \$request_id; default \$cookie_JSESSIONID; }
  upstream omniops {
    hash \$affinity consistent;
    server 127.0.0.1:$P1 max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$P2 max_fails=1 fail_timeout=10s;
    server 127.0.0.1:$P3 max_fails=1 fail_timeout=10s;
  }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    client_max_body_size 1m;
    location / {
      proxy_pass http://omniops;
      proxy_http_version 1.1;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_read_timeout 1h;
      proxy_buffering off;
      # another instance takes the request when this one is stopping or starting (POSTs: idempotent by key)
      proxy_next_upstream error timeout http_502 http_503 non_idempotent;
      proxy_next_upstream_tries 3;
      proxy_next_upstream_timeout 30s;
      proxy_connect_timeout 2s;
    }
  }
}
CONF
nginx -c "$WORK/nginx.conf" -p "$WORK" &
FAULTS_OTHER_PIDS+=("$!")
until curl -sf "http://127.0.0.1:$NGINX_PORT/api/health" >/dev/null; do sleep 0.2; done
log "nginx on 127.0.0.1:$NGINX_PORT -> $P1 $P2 $P3"
t0=$SECONDS

client burst --base "http://127.0.0.1:$NGINX_PORT" --key "$FAULTS_KEY" --run "$RUN" --count 100000 \
  --conversations "$CONVERSATIONS" --concurrency 32 --rate "$RATE" --retry-for 0 \
  --stop-file "$WORK/stop" --sent-file "$WORK/sent" >"$WORK/client.out" 2>&1 &
CLIENT=$!
FAULTS_OTHER_PIDS+=("$CLIENT")
sleep 10
for name in a1 a2 a3; do
  port_var="P${name#a}"
  port=${!port_var}
  pid=$(app_pid "$name")
  s=$SECONDS
  kill -TERM "$pid"
  while kill -0 "$pid" 2>/dev/null; do sleep 0.2; done
  log "$name stopped gracefully in $((SECONDS - s))s"
  start_app "$name" "$port"
  wait_ready "$port" "${STARTUP_TIMEOUT:-300}" "$(app_pid "$name")"
  log "$name back and ready after $((SECONDS - s))s"
done
sleep 10
touch "$WORK/stop"
wait "$CLIENT" || true
cat "$WORK/client.out"
COUNT=$(cat "$WORK/sent")
client verify --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/omniops?user=postgres" --run "$RUN" \
  --conversations "$CONVERSATIONS" --count "$COUNT" --timeout 300 | grep -v '^waiting'
rc=${PIPESTATUS[0]}
log "nginx: status, upstream(s) tried, their statuses: $(sort "$WORK/nginx-access.log" | uniq -c | sort -rn | head -12 | tr '\n' ';')"
log "scenario took $((SECONDS - t0))s"
exit "$rc"

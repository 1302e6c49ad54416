# Shared set-up for the fault scenarios (sourced, not run). Everything listens on 127.0.0.1 only, on free
# ports, under one temporary directory; faults_cleanup (trapped on exit) stops every process started here.
#
# Servers: a private PostgreSQL 15 cluster (Debian's /usr/lib/postgresql/15/bin, run as the `postgres` user
# because initdb refuses root), and Redis 6.2 from the embedded-redis jar already in ~/.m2 (no package needed).
# Application instances: the compiled classes with the runtime classpath (prod profile, everything from the
# environment like in production), or the production jar when OMNIOPS_JAR is set.

set -euo pipefail

export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
export PATH="$JAVA_HOME/bin:$PATH"
FAULTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$FAULTS_DIR/../.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
FAULTS_APP_PIDS=()
FAULTS_OTHER_PIDS=()
FAULTS_KEY=faults-key-0123456789abcdef0123456789abcdef
FAULTS_SLUG=faults-co
FAULTS_AGENT=agent@faults-co
FAULTS_AGENT_PASSWORD=faults-agent-password
# every replica signs and checks the browsers' remember-me cookies with the same key (required in prod)
FAULTS_REMEMBER_ME_KEY=faults-remember-me-key-0123456789abcdef

log() { printf '%s [%s] %s\n' "$(date -u +%H:%M:%S)" "${SCENARIO:-faults}" "$*" >&2; }

faults_init() {
  SCENARIO=$1
  WORK=$(mktemp -d "/tmp/omniops-faults-$SCENARIO.XXXXXX")
  chmod 755 "$WORK"
  LOGS="$ROOT/target/faults/$SCENARIO"
  rm -rf "$LOGS"
  mkdir -p "$LOGS"
  trap faults_cleanup EXIT
  trap 'exit 130' INT TERM
  faults_install
  faults_build
}

# Debian packages the scenarios need (like .ci/run): PostgreSQL 15 server and client.
faults_install() {
  local missing=()
  [ -x $PG_BIN/postgres ] || missing+=(postgresql-15)
  [ -x /usr/bin/psql ] || missing+=(postgresql-client-15)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    mkdir -p /etc/postgresql-common/createcluster.d
    echo "create_main_cluster = false" > /etc/postgresql-common/createcluster.d/no-main.conf
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
}

# Compiles the product (offline, quick when nothing changed) and writes the runtime classpath once.
faults_build() {
  if [ -n "${OMNIOPS_JAR:-}" ]; then
    APP_CMD=(java -jar "$OMNIOPS_JAR")
  else
    if [ -z "${FAULTS_SKIP_BUILD:-}" ]; then
      log "compiling (./mvnw -o compile)"
      (cd "$ROOT" && ./mvnw -q -o compile dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath \
        -Dmdep.includeScope=runtime >"$LOGS/build.log" 2>&1) || { cat "$LOGS/build.log"; exit 1; }
    fi
    # vaadin.productionMode=false: the classes carry no production frontend bundle; Vaadin serves its default
    # development bundle (no Node needed). Everything else is the prod profile.
    APP_CMD=(java -cp "$ROOT/target/classes:$(cat "$ROOT/target/runtime.classpath")" uk.co.omniops.OmniOpsApplication
      --vaadin.productionMode=false)
  fi
  if [ ! -s "$ROOT/target/runtime.classpath" ]; then # the jar run needs it only for the JDBC driver below
    (cd "$ROOT" && ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath \
      -Dmdep.includeScope=runtime >"$LOGS/build.log" 2>&1) || { cat "$LOGS/build.log"; exit 1; }
  fi
  PG_JAR=$(awk -v RS=: '/\/postgresql-[0-9.]*\.jar$/ { print; exit }' "$ROOT/target/runtime.classpath")
}

# The test classpath (Playwright) for the browser watcher, written once to target/test.classpath.
faults_test_classpath() {
  if [ -z "${FAULTS_SKIP_BUILD:-}" ] || [ ! -s "$ROOT/target/test.classpath" ]; then
    (cd "$ROOT" && ./mvnw -q -o dependency:build-classpath -Dmdep.outputFile=target/test.classpath \
      -Dmdep.includeScope=test >"$LOGS/build-test.log" 2>&1) || { cat "$LOGS/build-test.log"; exit 1; }
  fi
}

faults_cleanup() {
  local rc=$?
  set +e
  for pid in "${FAULTS_APP_PIDS[@]}" "${FAULTS_OTHER_PIDS[@]}"; do
    kill "$pid" 2>/dev/null
  done
  sleep 1
  for pid in "${FAULTS_APP_PIDS[@]}" "${FAULTS_OTHER_PIDS[@]}"; do
    kill -9 "$pid" 2>/dev/null
  done
  if [ -n "${PG_DATA:-}" ] && [ -f "$PG_DATA/postmaster.pid" ]; then
    runuser -u postgres -- $PG_BIN/pg_ctl -D "$PG_DATA" -m immediate stop >/dev/null 2>&1
  fi
  if [ -n "${REDIS_PID:-}" ]; then
    kill -9 "$REDIS_PID" 2>/dev/null
  fi
  cp "$WORK"/*.log "$LOGS"/ 2>/dev/null
  rm -rf "$WORK"
  [ $rc -eq 0 ] || log "FAILED (exit $rc); logs in $LOGS"
  exit $rc
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'
}

# --- PostgreSQL ------------------------------------------------------------------------------------------

start_postgres() {
  PG_PORT=$(free_port)
  PG_DATA="$WORK/pg"
  mkdir -p "$PG_DATA"
  chown postgres "$WORK" "$PG_DATA"
  runuser -u postgres -- $PG_BIN/initdb -D "$PG_DATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$WORK/initdb.log"
  pg_start
  psql_owner postgres -c "create database omniops" >/dev/null
  DATABASE_URL="postgresql://postgres@127.0.0.1:$PG_PORT/omniops"
  # the roles' own logins, as production requires (trust authentication: the migrations create the roles)
  DATABASE_APP_URL="postgresql://omniops_app:faults@127.0.0.1:$PG_PORT/omniops"
  DATABASE_PLATFORM_URL="postgresql://omniops_platform:faults@127.0.0.1:$PG_PORT/omniops"
  log "PostgreSQL 15 on 127.0.0.1:$PG_PORT"
}

pg_start() {
  runuser -u postgres -- $PG_BIN/pg_ctl -D "$PG_DATA" -l "$WORK/postgres.log" -w -t 60 \
    -o "-p $PG_PORT -k $WORK -c listen_addresses=127.0.0.1 -c max_connections=200" start >/dev/null
}

pg_stop() {
  runuser -u postgres -- $PG_BIN/pg_ctl -D "$PG_DATA" -m fast -w stop >/dev/null
}

psql_owner() {
  local db=$1
  shift
  psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d "$db" "$@"
}

sql() {
  psql_owner omniops -At -c "$1"
}

# --- Redis -----------------------------------------------------------------------------------------------

start_redis() {
  REDIS_PORT=$(free_port)
  local jar
  jar=$(find ~/.m2/repository/com/github/codemonstur/embedded-redis -name 'embedded-redis-*.jar' | sort | tail -1)
  (cd "$WORK" && unzip -q -o "$jar" redis-server-6.2.6-v5-linux-amd64 && chmod +x redis-server-6.2.6-v5-linux-amd64)
  REDIS_URL="redis://127.0.0.1:$REDIS_PORT"
  redis_start
  log "Redis 6.2 on 127.0.0.1:$REDIS_PORT"
}

redis_start() {
  "$WORK/redis-server-6.2.6-v5-linux-amd64" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    >>"$WORK/redis.log" 2>&1 &
  REDIS_PID=$!
  for _ in $(seq 50); do
    (exec 3<>/dev/tcp/127.0.0.1/"$REDIS_PORT") 2>/dev/null && return 0
    sleep 0.1
  done
  log "Redis did not start"
  return 1
}

redis_stop() {
  kill -9 "$REDIS_PID" 2>/dev/null || true
  wait "$REDIS_PID" 2>/dev/null || true
  REDIS_PID=
}

# --- application instances --------------------------------------------------------------------------------

# start_app NAME PORT [extra Spring arguments]: starts one instance in the background (log: $WORK/NAME.log); its
# management port (actuator) is free_port's choice, see mgmt_port NAME.
start_app() {
  local name=$1 port=$2 mport
  shift 2
  mport=$(free_port)
  eval "MGMT_PORT_${name//-/_}=$mport"
  DATABASE_URL=$DATABASE_URL DATABASE_APP_URL=$DATABASE_APP_URL DATABASE_PLATFORM_URL=$DATABASE_PLATFORM_URL \
    REDIS_URL=$REDIS_URL APP_URL="http://127.0.0.1:$port" PORT=$port MANAGEMENT_PORT=$mport \
    OMNIOPS_DATA_DIR="$WORK/data-$name" LOG_LEVEL=${LOG_LEVEL:-INFO} HOSTNAME="$name" \
    REMEMBER_ME_KEY="$FAULTS_REMEMBER_ME_KEY" \
    "${APP_CMD[@]:0:1}" -Xmx${FAULTS_HEAP:-640m} -XX:+UseSerialGC "${APP_CMD[@]:1}" \
    --spring.profiles.active=prod --logging.structured.format.console= \
    --omniops.rollout.initial-percentage=100 \
    --omniops.api.rate-limit.per-second=100000 --omniops.api.rate-limit.burst=100000 \
    "$@" >>"$WORK/$name.log" 2>&1 &
  local pid=$!
  FAULTS_APP_PIDS+=("$pid")
  eval "APP_PID_${name//-/_}=$pid"
  log "started $name on 127.0.0.1:$port (pid $pid)"
}

mgmt_port() {
  local var="MGMT_PORT_${1//-/_}"
  echo "${!var}"
}

app_pid() {
  local var="APP_PID_${1//-/_}"
  echo "${!var}"
}

# wait_ready PORT [SECONDS] [PID]: until GET /api/ready answers 200 (fails at once when PID has exited).
wait_ready() {
  local port=$1 limit=${2:-${STARTUP_TIMEOUT:-300}} pid=${3:-} start=$SECONDS
  until [ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 3 "http://127.0.0.1:$port/api/ready")" = 200 ]; do
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      log "instance on port $port exited during startup; see its log"
      return 1
    fi
    if [ $((SECONDS - start)) -ge "$limit" ]; then
      log "instance on port $port not ready after ${limit}s"
      return 1
    fi
    sleep 0.5
  done
}

# The customer and API key the load uses (prod has no demo data). SHA-256 of the key, as ApiKeyManagement stores.
seed_customer() {
  local hash
  hash=$(printf '%s' "$FAULTS_KEY" | sha256sum | cut -d' ' -f1)
  sql "insert into customers (id, slug, name) values (gen_random_uuid(), '$FAULTS_SLUG', 'Faults Co')
         on conflict (slug) do nothing;
       insert into api_keys (id, customer_id, name, key_prefix, key_hash, created_by)
         select gen_random_uuid(), id, 'fault tests', 'faults-k', '$hash', 'fault tests' from customers
          where slug = '$FAULTS_SLUG' on conflict (key_hash) do nothing;" >/dev/null
}

# An agent of the fault customer who signs in through the browser (bcrypt by pgcrypto, as BCryptPasswordEncoder).
seed_agent() {
  sql "create extension if not exists pgcrypto;
       insert into app_users (id, customer_id, username, password_hash, display_name, role)
         select gen_random_uuid(), id, '$FAULTS_AGENT', crypt('$FAULTS_AGENT_PASSWORD', gen_salt('bf', 10)),
                'Fault Agent', 'AGENT' from customers where slug = '$FAULTS_SLUG'
         on conflict (username) do nothing;" >/dev/null
}

# client COMMAND [args]: the load generator and checker (bench/faults/FaultClient.java, JDK + JDBC driver).
client() {
  java -cp "$PG_JAR" "$FAULTS_DIR/FaultClient.java" "$@"
}

# PostgreSQL, Redis and one application instance on $PORT, ready, with the fault customer seeded.
start_single_instance() {
  start_postgres
  start_redis
  PORT=$(free_port)
  start_app app "$PORT"
  wait_ready "$PORT" "${STARTUP_TIMEOUT:-300}" "$(app_pid app)"
  seed_customer
}

# outage_scenario WHAT STOP START: one instance under steady load (RATE messages/s for COUNT messages; failed
# requests retried with the same key), WHAT stopped for OUTAGE seconds in the middle, then started again.
# Prints what the API and readiness answered during the outage, how long the instance took to recover, the
# client's figures, and the check that every message is stored and analysed exactly once.
outage_scenario() {
  local what=$1 stop=$2 start=$3
  local count=${COUNT:-600} rate=${RATE:-20} outage=${OUTAGE:-15} conversations=${CONVERSATIONS:-10}
  local run="${what:0:1}$(date +%s)"
  start_single_instance
  local t0=$SECONDS
  client burst --base "http://127.0.0.1:$PORT" --key "$FAULTS_KEY" --run "$run" --count "$count" \
    --conversations "$conversations" --concurrency 32 --rate "$rate" --retry-for 180 >"$WORK/client.out" 2>&1 &
  local client_pid=$!
  FAULTS_OTHER_PIDS+=("$client_pid")
  sleep "${BEFORE:-8}"
  $stop
  local down_at=$SECONDS
  log "$what stopped"
  sleep 3
  log "during the outage, GET /api/ready: $(curl -s --max-time 10 -w ' -> %{http_code} in %{time_total}s' "http://127.0.0.1:$PORT/api/ready")"
  log "during the outage, GET /api/health: $(curl -s --max-time 10 -w ' -> %{http_code} in %{time_total}s' "http://127.0.0.1:$PORT/api/health")"
  log "during the outage, POST a new conversation: $(curl -s --max-time 30 -X POST -H "Authorization: Bearer $FAULTS_KEY" \
    -H 'Content-Type: application/json' -H "Idempotency-Key: probe-$run" \
    -d '{"contact":{"name":"Probe"},"text":"probe during the outage"}' \
    -w ' -> %{http_code} %{content_type} in %{time_total}s' "http://127.0.0.1:$PORT/api/v1/conversations" | cut -c1-400)"
  sleep $((outage - 3))
  $start
  log "$what started again after $((SECONDS - down_at))s"
  local back=$SECONDS
  wait_ready "$PORT" 180 "$(app_pid app)"
  log "instance ready again $((SECONDS - back))s after $what returned (no restart of the instance)"
  wait "$client_pid" || true
  cat "$WORK/client.out"
  client verify --jdbc "jdbc:postgresql://127.0.0.1:$PG_PORT/omniops?user=postgres" --run "$run" \
    --conversations "$conversations" --count "$count" --timeout "${VERIFY_TIMEOUT:-240}" | grep -v '^waiting' | tee "$WORK/verify.out"
  local rc=${PIPESTATUS[0]}
  log "scenario took $((SECONDS - t0))s"
  return "$rc"
}


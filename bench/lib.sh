# Shared by the bench/*.sh scripts: Java 25, the project directory, and the compiled bench classpath.
set -euo pipefail
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
[ -x "$JAVA_HOME/bin/java" ] || { echo "JAVA_HOME=$JAVA_HOME has no bin/java (Java 25 needed)" >&2; exit 2; }
JAVA="$JAVA_HOME/bin/java"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
# own build directory: a plain ./mvnw test in this checkout would otherwise recompile target/test-classes
# without src/jmh/java under a running benchmark
BUILD="${OMNIOPS_BUILD_DIR:-$ROOT/target/bench}"

# Compiles main, test and src/jmh/java (profile bench) and writes the test classpath once per pom change.
bench_build() {
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    ./mvnw -q -Pbench -Domniops.build.dir="$BUILD" test-compile dependency:build-classpath \
      -Dmdep.outputFile="$BUILD/bench-classpath.txt" -Dmdep.includeScope=test >&2
  fi
  CP="$BUILD/test-classes:$BUILD/classes:$(cat "$BUILD/bench-classpath.txt")"
}

# Starts the application (dev profile = the README's first command: embedded PostgreSQL + Redis, demo data) from the
# compiled classes on port $PORT with data in $DATA; extra arguments are passed to Spring. Sets APP_PID.
# OMNIOPS_JAR=target/omniops.jar runs the production jar instead (Vaadin production mode: the browser side of the
# end-to-end figures; development mode's client logs every state tree it receives). APP_ARGS adds Spring arguments to
# every start (e.g. APP_ARGS="--server.tomcat.threads.max=32" to compare settings).
app_start() {
  local log="$BUILD/bench-app-$PORT.log"
  MGMT_PORT="${MGMT_PORT:-$((PORT + 1))}"   # actuator (/actuator/prometheus) is only on the management port
  local main=(-cp "$CP" uk.co.omniops.OmniOpsApplication)
  [ -n "${OMNIOPS_JAR:-}" ] && main=(-jar "$OMNIOPS_JAR")
  "$JAVA" ${APP_JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED "${main[@]}" \
    --server.port="$PORT" --management.server.port="$MGMT_PORT" --omniops.data-dir="$DATA" ${APP_ARGS:-} "$@" >"$log" 2>&1 &
  APP_PID=$!
  trap app_stop EXIT
  local started=$(date +%s%N)
  until curl -fs "http://127.0.0.1:$PORT/api/ready" >/dev/null 2>&1; do
    if ! kill -0 "$APP_PID" 2>/dev/null; then echo "application died, see $log" >&2; tail -30 "$log" >&2; exit 1; fi
    sleep 0.5
  done
  echo "application pid $APP_PID ready on :$PORT after $(( ($(date +%s%N) - started) / 1000000 )) ms (log $log)" >&2
}

app_stop() {
  if [ -n "${APP_PID:-}" ] && kill -0 "$APP_PID" 2>/dev/null; then
    kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true
    echo "application stopped" >&2
  fi
  APP_PID=
}

# CPU time per process group during a benchmark (bench/cpu-split.py): cpu_start CLIENT_PATTERN after app_start, then
# cpu_mark LABEL at each phase boundary and cpu_report LABEL=ITEMS... at the end (CPU seconds between marks, and per
# item where a count is given). The sampler stops with the application.
cpu_start() {
  CPU_LOG="$BUILD/cpu-$PORT.log"; CPU_MARKS="$BUILD/cpu-marks-$PORT.log"; : > "$CPU_MARKS"
  python3 "$ROOT/bench/cpu-split.py" sample "$APP_PID" "$PGPORT" "$1" "$CPU_LOG" &
  CPU_PID=$!
  sleep 1
}
cpu_mark() { echo "$(date +%s%3N) $1" >> "$CPU_MARKS"; }
cpu_report() {
  sleep 1; kill "$CPU_PID" 2>/dev/null || true; wait "$CPU_PID" 2>/dev/null || true
  python3 "$ROOT/bench/cpu-split.py" report "$CPU_LOG" "$CPU_MARKS" "$@"
}

# Pins the embedded PostgreSQL (the application's child postmaster and every backend, present and future: children
# inherit the affinity) to the given core list.
pin_postgres() {
  local pm
  for pm in $(pgrep -f -x ".*postgres .*-p $PGPORT.*"); do
    taskset -a -cp "$1" "$pm" >/dev/null
    for b in $(pgrep -P "$pm"); do taskset -a -cp "$1" "$b" >/dev/null; done
  done
}

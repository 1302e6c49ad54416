#!/usr/bin/env bash
# The production tier's build (pom.xml): the README's production build of this working tree into its own folder,
#   .ci/build-production-jar.sh BUILD_DIR            build now                      -> BUILD_DIR/omniops.jar
#   .ci/build-production-jar.sh --start BUILD_DIR    build in the background, niced (process-test-classes)
#   .ci/build-production-jar.sh --wait BUILD_DIR     wait for that build; build now if none was started
#                                                    (pre-integration-test)
# The build runs in a copy of the sources (BUILD_DIR/project), so that it never writes the working tree's
# package.json, node_modules or frontend/generated while the tests' development-mode servers read them; that is what
# lets it run beside the surefire JVMs, on the CPU they leave idle (docs/benchmarks.md §9c).
# Vaadin builds the production frontend bundle afresh in every production build (AppShell's @LoadDependenciesOnStartup,
# decision 017): npm install and Vite, about 30 s here.
set -euo pipefail
cd "$(dirname "$0")/.."

case "${1:-}" in
  --start)
    BUILD_DIR="$2"
    if [ -n "${OMNIOPS_IN_PRODUCTION_BUILD:-}" ]; then
      exit 0 # never a build inside the build
    fi
    mkdir -p "$BUILD_DIR"
    rm -f "$BUILD_DIR.status"
    # which Maven run started it (the exec plugin's JVM is this script's parent): --wait trusts only its own run's
    echo "$PPID" > "$BUILD_DIR.started"
    # stdin/stdout/stderr detached, so Maven's exec plugin does not wait for the background build's output
    ( status=0
      nice -n 19 bash "$0" "$BUILD_DIR" > "$BUILD_DIR.log" 2>&1 || status=$?
      echo "$status" > "$BUILD_DIR.status.tmp" && mv "$BUILD_DIR.status.tmp" "$BUILD_DIR.status"
    ) < /dev/null > /dev/null 2>&1 &
    echo "Production build started in the background (log: $BUILD_DIR.log)"
    exit 0
    ;;
  --wait)
    BUILD_DIR="$2"
    if [ "$(cat "$BUILD_DIR.started" 2>/dev/null)" != "$PPID" ]; then
      # not started by this Maven run (-Pproduction, or an earlier run's files): build now, never reuse a stale jar
      exec bash "$0" "$BUILD_DIR"
    fi
    waited=0
    until [ -f "$BUILD_DIR.status" ]; do
      if [ "$waited" -ge 1200 ]; then
        echo "The background production build did not finish in 20 min; its log:" >&2
        cat "$BUILD_DIR.log" >&2
        exit 1
      fi
      sleep 1
      waited=$((waited + 1))
    done
    status="$(cat "$BUILD_DIR.status")"
    if [ "$status" != 0 ]; then
      echo "The production build failed (exit $status); its log:" >&2
      cat "$BUILD_DIR.log" >&2
      exit "$status"
    fi
    echo "Production build done (waited ${waited} s after the tests)"
    exit 0
    ;;
esac

BUILD_DIR="$(mkdir -p "$1" && cd "$1" && pwd)"
DEV="$(dirname "$BUILD_DIR")"
WORK="$BUILD_DIR/project"
rm -rf "$WORK"
mkdir -p "$WORK/src"
cp -a pom.xml mvnw .mvn .ci db themes frontend "$WORK/"
cp -a src/main "$WORK/src/"
rm -rf "$WORK/frontend/generated" "$WORK/src/main/frontend/generated" "$WORK/src/main/bundles/prod.bundle"

# The same sources compiled by the same compiler and flags (the profile changes only the frontend): reuse the test
# build's classes when it has them (its build dir is BUILD_DIR's parent), so that the compiler finds nothing stale
# instead of compiling everything again. Its list of inputs names the working tree's files: pointed at the copy's
# (cp -a kept their times). Its Vaadin files stay behind: that build is in development mode.
STATUS=maven-status/maven-compiler-plugin/compile/default-compile
if [ -d "$DEV/classes" ] && [ -f "$DEV/$STATUS/inputFiles.lst" ]; then
  rm -rf "$BUILD_DIR/classes" "$BUILD_DIR/$STATUS"
  mkdir -p "$BUILD_DIR/$STATUS"
  cp -a "$DEV/$STATUS/." "$BUILD_DIR/$STATUS/"
  sed -i "s|^$(pwd)/src/main/|$WORK/src/main/|" "$BUILD_DIR/$STATUS/inputFiles.lst"
  cp -a "$DEV/classes" "$BUILD_DIR/classes"
  rm -rf "$BUILD_DIR/classes/META-INF/VAADIN"
fi
cd "$WORK"
export OMNIOPS_IN_PRODUCTION_BUILD=1
# -DskipITs: the copy's own build must not start a production build of its own (pom.xml, start-production-jar)
./mvnw -B -q -Pproduction -Dmaven.test.skip=true -DskipITs -Domniops.build.dir="$BUILD_DIR" package

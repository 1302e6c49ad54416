#!/usr/bin/env bash
# Rebuilds the committed Vaadin development bundle, src/main/bundles/dev.bundle, after a change in frontend/ (our web
# components) or in @NpmPackage / @JsModule / @CssImport, and checks that the production build still builds its
# bundle. Commit dev.bundle afterwards: development mode and the tests then need no Node (Vaadin checks the bundle's
# hashes at start-up). The production bundle is not committed: every production build makes its own (decision 017).
# Needs Node 24 (installed from the npm registry into ~/.cache/omniops/node24 when missing). Takes ~3-7 min.
set -euo pipefail
cd "$(dirname "$0")/.."
NODE_DIR=${NODE_DIR:-$HOME/.cache/omniops/node24}
[ -x "$NODE_DIR/bin/node" ] || bash .ci/install-node24.sh "$NODE_DIR"
export PATH="$NODE_DIR/bin:$PATH"
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

echo "== production build (builds its own bundle)"
./mvnw -q -Pproduction -DskipTests -Domniops.build.dir="$WORK/prod" package
test -s "$WORK/prod/omniops.jar"

echo "== development bundle (dev mode builds it at start-up when stale and writes src/main/bundles/dev.bundle)"
rm -f src/main/bundles/dev.bundle
setsid ./mvnw -q -Domniops.build.dir="$WORK/dev" spring-boot:run -Dspring-boot.run.arguments="--server.port=0 \
  --omniops.data-dir=$WORK/data --omniops.simulator.enabled=false" >"$WORK/dev.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do
  grep -q "Development frontend bundle built" "$WORK/dev.log" && break
  grep -q "BUILD FAILURE\|\[ERROR\]\|Application run failed" "$WORK/dev.log" && break  # -q prints no BUILD FAILURE
  sleep 5
done
sleep 2
kill -- -"$APP" 2>/dev/null || true
wait "$APP" 2>/dev/null || true
if ! test -s src/main/bundles/dev.bundle; then
  echo "dev bundle was not built; log:" >&2
  tail -50 "$WORK/dev.log" >&2
  exit 1
fi
rm -f .vaadin-node-tasks.lock
ls -l src/main/bundles/
echo "Now: git add src/main/bundles/dev.bundle"

#!/usr/bin/env bash
# The production tier's build (pom.xml, pre-integration-test): the README's production build into its own folder,
#   .ci/build-production-jar.sh BUILD_DIR   -> BUILD_DIR/omniops.jar
# Vaadin's build-frontend writes src/main/bundles/prod.bundle back even when it reuses it unchanged (same files, new
# zip timestamps); a test run must not leave a tracked file modified, so an unchanged bundle gets its bytes back.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="$1"
BUNDLE=src/main/bundles/prod.bundle
SAVED=$(mktemp)
trap 'rm -f "$SAVED"' EXIT
cp "$BUNDLE" "$SAVED"
./mvnw -B -q -Pproduction -DskipTests -Domniops.build.dir="$BUILD_DIR" package
entries() { unzip -v "$1" | awk 'length($7) == 8 && $7 ~ /^[0-9a-f]+$/ {print $1, $7, $8}'; }  # length, CRC-32, name
if [ "$(entries "$BUNDLE")" = "$(entries "$SAVED")" ]; then
  cp "$SAVED" "$BUNDLE"
else
  echo "build-frontend built a new production bundle: commit src/main/bundles/prod.bundle (see .ci/rebuild-frontend-bundles.sh)" >&2
fi

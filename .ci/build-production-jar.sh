#!/usr/bin/env bash
# The production tier's build (pom.xml, pre-integration-test): the README's production build into its own folder,
#   .ci/build-production-jar.sh BUILD_DIR   -> BUILD_DIR/omniops.jar
# Vaadin builds the production frontend bundle afresh in every production build (AppShell's @LoadDependenciesOnStartup,
# decision 017): npm install and Vite, about 40 s here.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_DIR="$1"
# The same sources compiled by the same compiler and flags (the profile changes only the frontend): reuse the test
# build's classes when it has them (its build dir is BUILD_DIR's parent), so that the compiler finds nothing stale
# instead of compiling everything again. Its Vaadin files stay behind: that build is in development mode.
DEV="$(dirname "$BUILD_DIR")"
if [ -d "$DEV/classes" ] && [ -f "$DEV/maven-status/maven-compiler-plugin/compile/default-compile/inputFiles.lst" ]; then
  mkdir -p "$BUILD_DIR/maven-status/maven-compiler-plugin/compile"
  rm -rf "$BUILD_DIR/classes" "$BUILD_DIR/maven-status/maven-compiler-plugin/compile/default-compile"
  cp -a "$DEV/maven-status/maven-compiler-plugin/compile/default-compile" "$BUILD_DIR/maven-status/maven-compiler-plugin/compile/"
  cp -a "$DEV/classes" "$BUILD_DIR/classes"
  rm -rf "$BUILD_DIR/classes/META-INF/VAADIN"
fi
./mvnw -B -q -Pproduction -DskipTests -Domniops.build.dir="$BUILD_DIR" package

#!/usr/bin/env bash
# Runs every scripted fault scenario one after another (loopback only; each cleans up after itself) and prints
# a summary. The in-suite scenarios run with the test suite: BadInputStormTests (6),
# AnalysisPipelineIntegrationTests / ReadinessWithoutRedisTests (2, single message), OpenAiSentimentEngineTests,
# LlmDraftIntegrationTests and AlertEvaluatorTests (4, per component). See docs/fault-tests.md.
#   bench/faults/run-all.sh                 # all
#   bench/faults/run-all.sh redis-down      # some
set -uo pipefail
cd "$(dirname "$0")"
scenarios=("$@")
[ ${#scenarios[@]} -gt 0 ] || scenarios=(kill-restart redis-down postgres-restart openai-failing rolling-restart)
export JAVA_HOME=${JAVA_HOME_25:-/usr/lib/jvm/temurin-25-jdk-amd64}
(cd ../.. && ./mvnw -q -o compile dependency:build-classpath -Dmdep.outputFile=target/runtime.classpath \
  -Dmdep.includeScope=runtime) || exit 1
export FAULTS_SKIP_BUILD=1
summary=()
failed=0
for s in "${scenarios[@]}"; do
  start=$SECONDS
  echo "=== $s"
  if ./"$s".sh; then result=passed; else result=FAILED; failed=1; fi
  summary+=("$s: $result in $((SECONDS - start)) s")
done
echo "=== summary"
printf '%s\n' "${summary[@]}"
exit $failed

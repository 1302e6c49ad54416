#!/usr/bin/env bash
# JMH benchmarks of the in-process analysis (sentiment, categories, suggestions, predictions), 1 thread, 1 fork.
#   bench/jmh.sh            # both passes: per-message latency (SampleTime, µs) and messages/s (Throughput)
#   bench/jmh.sh AnalysisBenchmark.sentiment -bm thrpt -tu s -i 3     # any JMH options instead
# Results also go to target/jmh-*.json.
source "$(dirname "$0")/lib.sh"
bench_build
echo "texts: $(($(wc -l < src/training/data/support/support_messages.tsv) - 1)) support messages + the evaluation sets (BenchTexts)" >&2
if [ $# -gt 0 ]; then
  exec "$JAVA" -cp "$CP" org.openjdk.jmh.Main -rf json -rff "$BUILD/jmh-custom.json" "$@"
fi
uptime
"$JAVA" -cp "$CP" org.openjdk.jmh.Main -bm sample -tu us -rf json -rff "$BUILD/jmh-sample.json" 2>/dev/null \
  | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)' | grep -vE 'p0\.(00|90|999|9999)|p1\.00'
uptime
"$JAVA" -cp "$CP" org.openjdk.jmh.Main -bm thrpt -tu s -rf json -rff "$BUILD/jmh-thrpt.json" 2>/dev/null \
  | grep -E '^(Benchmark|[A-Z][A-Za-z]+Benchmark\.)'
uptime

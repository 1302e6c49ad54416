#!/usr/bin/env bash
# Cost of the in-process sentence encoder (docs/benchmarks.md §1b): start-up, heap + native memory, and per-message
# latency of sentiment + categories on one core, embedding models against the n-gram models.
#   bench/embedding-cost.sh
source "$(dirname "$0")/lib.sh"
bench_build
uptime
taskset -c 0 "$JAVA" -Xmx512m --enable-native-access=ALL-UNNAMED -cp "$CP" uk.co.omniops.bench.EmbeddingCost 2>/dev/null
uptime

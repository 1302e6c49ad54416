#!/usr/bin/env bash
# Scenario 3: PostgreSQL stopped (fast shutdown) for OUTAGE seconds under steady load, then started again.
# Expected: requests fail quickly and cleanly (503 problem+json, no hang) while it is down; the instance recovers
# by itself (readiness 200 again, no restart); the client's retries (same Idempotency-Key) are all stored and
# analysed exactly once.
source "$(dirname "$0")/lib.sh"
faults_init postgres-restart
outage_scenario postgres pg_stop pg_start

#!/usr/bin/env bash
# Scenario 2: Redis killed (kill -9, its data gone: it runs without persistence) for OUTAGE seconds under steady
# load, then started again empty. Expected: ingestion keeps accepting (no failed request), /api/ready answers 503
# naming redis, every job completes after Redis returns (the sweeper re-publishes from PostgreSQL; the
# requeue-failed-jobs command is the manual alternative), nothing lost or duplicated.
source "$(dirname "$0")/lib.sh"
faults_init redis-down
outage_scenario redis redis_stop redis_start

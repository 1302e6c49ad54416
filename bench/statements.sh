#!/usr/bin/env bash
# Where the database work of one ingested message goes: PostgreSQL's pg_stat_statements over a burst.
#   1. start the application (dev profile: embedded PostgreSQL + Redis, chat simulator off, rate limit raised), switch
#      pg_stat_statements on (ALTER SYSTEM shared_preload_libraries, then a restart), ANALYZE (a production database
#      has current statistics; this one was seeded seconds ago and autovacuum has not looked yet: without it the
#      planner reads a customer's whole message index for one conversation), reset the statement statistics;
#   2. POST N messages (default 1,000; 50 concurrent, into 100 conversations) with bench/IngestLoad and wait until
#      every one is analysed (the listeners' work after the analysis continues for a moment; the script waits 10 s);
#   3. print the statements by total execution time with calls per message, and the totals per message: statements,
#      transactions, server execution time (the load generator's own polling query is left out).
#   bench/statements.sh [messages=1000] [concurrency=50]          (docs/benchmarks.md §5a)
source "$(dirname "$0")/lib.sh"
MESSAGES="${1:-1000}"; CONCURRENCY="${2:-50}"
PORT="${PORT:-18080}"; PGPORT="${PGPORT:-25432}"
bench_build
DATA="$BUILD/bench-data-statements"; rm -rf "$DATA"
ARGS=(--omniops.simulator.enabled=false --omniops.database.embedded-port="$PGPORT"
  --omniops.api.rate-limit.per-second=1000000 --omniops.api.rate-limit.burst=1000000)
psql_db() { PGPASSWORD=postgres psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PGPORT" -U postgres -d postgres "$@"; }

app_start "${ARGS[@]}"
psql_db -c "alter system set shared_preload_libraries = 'pg_stat_statements'"
app_stop
app_start "${ARGS[@]}"
psql_db -c "create extension if not exists pg_stat_statements"
sleep "${SETTLE:-5}" # start-up work of the schedulers and demo data (SETTLE=60 on a busy machine: a burst that starves the start-up runners of connections stops the application)
psql_db -c "analyze"
psql_db -At -c "select pg_stat_statements_reset()" >/dev/null
XACTS=$(psql_db -At -c "select xact_commit + xact_rollback from pg_stat_database where datname = 'postgres'")
"$JAVA" -cp "$CP" uk.co.omniops.bench.IngestLoad --base="http://127.0.0.1:$PORT" --requests="$MESSAGES" \
  --concurrency="$CONCURRENCY" --conversations=100 --jdbc="jdbc:postgresql://127.0.0.1:$PGPORT/postgres" | grep -E '^RESULT' || true
sleep 10
echo "== statements by total execution time, per message ($MESSAGES messages)"
psql_db -P pager=off -c "
  with s as (select * from pg_stat_statements where query not like '%left join jobs j on j.type%'),
       t as (select sum(total_exec_time) as total from s)
  select round(calls::numeric / $MESSAGES, 2) as per_message, round(mean_exec_time::numeric, 3) as mean_ms,
         round((100 * total_exec_time / t.total)::numeric, 1) as pct,
         left(regexp_replace(query, '\s+', ' ', 'g'), 120) as statement
    from s, t order by total_exec_time desc limit 40"
echo "== totals per message"
psql_db -P pager=off -c "
  select round(sum(calls)::numeric / $MESSAGES, 1) as statements,
         round(sum(total_exec_time)::numeric / $MESSAGES, 2) as server_ms,
         (select round((xact_commit + xact_rollback - $XACTS)::numeric / $MESSAGES, 1) from pg_stat_database
           where datname = 'postgres') as transactions
    from pg_stat_statements where query not like '%left join jobs j on j.type%'"
app_stop

#!/usr/bin/env bash
# Restores a backup.sh dump into $DATABASE_URL, replacing the objects it contains, then runs
# verify-data-integrity.sql and fails if any check fails. Destructive: needs --yes.
# Stop the application first (scale-down.sh) so nothing writes during the restore.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() {
  cat <<'USAGE'
Usage: restore.sh DUMP_FILE --yes [--jobs N] [--no-owner] [--expect-tables t1,t2] [--skip-verify] [--help]

Runs `pg_restore -j N --clean --if-exists --exit-on-error` of DUMP_FILE into
$DATABASE_URL, then verify-data-integrity.sql (row counts, FK orphans, RLS enabled +
forced on every table with customer_id); exits non-zero when any check fails.

Options:
  --yes          required: confirms that objects in the target database are replaced
  --jobs N       parallel restore jobs (default 8)
  --no-owner     do not restore object ownership (target uses different role names)
  --expect-tables LIST  tables that must exist after the restore (default: the
                 application's tables, see verify-data-integrity.sql)
  --skip-verify  skip verify-data-integrity.sql
Environment:
  DATABASE_URL   required; libpq URI of the TARGET database (role with BYPASSRLS); the password
                 reaches pg_restore and psql as PGPASSWORD, never on their command lines
  PG_BIN         directory holding pg_restore and psql (default: from PATH)
USAGE
}

die() { echo "restore.sh: ERROR: $*" >&2; exit 1; }
# shellcheck source=pgpass.sh
source "$here/pgpass.sh"
pgtool() { if [[ -n "${PG_BIN:-}" ]]; then echo "${PG_BIN%/}/$1"; else command -v "$1" || die "$1 not found on PATH (install postgresql-client or set PG_BIN)"; fi; }

file=""; confirmed=false; jobs=8; verify=true; owner_opts=(); expect_opts=()
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --yes) confirmed=true; shift ;;
    -j|--jobs) [[ $# -ge 2 ]] || die "--jobs needs a value"; jobs="$2"; shift 2 ;;
    --no-owner) owner_opts=(--no-owner --no-privileges); shift ;;
    --skip-verify) verify=false; shift ;;
    --expect-tables) [[ $# -ge 2 ]] || die "--expect-tables needs a value"; expect_opts=(-v "expected_tables=$2"); shift 2 ;;
    -*) die "unknown option: $1 (see --help)" ;;
    *) [[ -z "$file" ]] || die "only one dump file expected"; file="$1"; shift ;;
  esac
done

[[ -n "$file" ]] || die "missing DUMP_FILE (see --help)"
[[ -s "$file" ]] || die "$file does not exist or is empty"
[[ "$jobs" =~ ^[1-9][0-9]*$ ]] || die "--jobs must be a positive integer"
[[ -n "${DATABASE_URL:-}" ]] || die "DATABASE_URL is not set (libpq URI of the target database)"
[[ "$DATABASE_URL" == postgres://* || "$DATABASE_URL" == postgresql://* ]] \
  || die "DATABASE_URL must be a libpq URI (postgresql://...), not a JDBC URL"
split_database_url "$DATABASE_URL"   # -> PGURL without the password, PGPASSWORD exported
$confirmed || die "refusing to restore without --yes: objects in the target database will be dropped and recreated"

pg_restore="$(pgtool pg_restore)"
psql="$(pgtool psql)"

"$pg_restore" --list "$file" > /dev/null || die "$file is not a readable custom-format archive"

# Print the target without its password.
echo "restore.sh: restoring $file into $PGURL with $jobs jobs" >&2
start=$SECONDS
"$pg_restore" --jobs="$jobs" --clean --if-exists --exit-on-error --no-password \
  "${owner_opts[@]}" --dbname="$PGURL" "$file" \
  || die "pg_restore failed; the database may be partially restored - fix the cause and re-run"
echo "restore.sh: pg_restore finished in $((SECONDS - start)) s" >&2

# Planner statistics are not part of a dump; without ANALYZE the first queries are slow.
"$psql" --no-psqlrc --no-password --quiet -v ON_ERROR_STOP=1 --dbname="$PGURL" -c 'ANALYZE' >&2

if $verify; then
  report="$("$psql" --no-psqlrc --no-password -v ON_ERROR_STOP=1 --tuples-only --no-align \
    --field-separator='|' "${expect_opts[@]}" --dbname="$PGURL" --file="$here/verify-data-integrity.sql")" \
    || die "verify-data-integrity.sql could not run"
  echo "$report" >&2
  if grep -q '^[^|]*|[^|]*|fail|' <<< "$report"; then
    die "data integrity checks failed (rows with status 'fail' above)"
  fi
  echo "restore.sh: data integrity checks passed" >&2
fi

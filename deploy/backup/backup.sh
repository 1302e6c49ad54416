#!/usr/bin/env bash
# Logical backup of the OmniOps database: pg_dump custom format, timestamped, written
# atomically (a half-written file never looks like a backup) with a SHA-256 beside it.
# Complements WAL archiving (15-min RPO, see README.md); this is the portable copy.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: backup.sh [--output-dir DIR] [--help]

Dumps $DATABASE_URL with `pg_dump --format=custom` to
DIR/omniops-YYYYMMDDTHHMMSSZ.dump (UTC) plus a .sha256 file, and prints the dump's path
as the last line on stdout (progress goes to stderr).

Environment:
  DATABASE_URL  required; libpq URI postgresql://user:pass@host:5432/db
                (the role needs BYPASSRLS: tenant tables use FORCE ROW LEVEL SECURITY).
                The password is handed to pg_dump as PGPASSWORD, never on its command line
                (where ps would show it); PGPASSWORD or ~/.pgpass work as well.
  BACKUP_DIR    default output directory (default: ./backups)
  PG_BIN        directory holding pg_dump (default: from PATH). pg_dump's major version
                must be >= the server's.
USAGE
}

die() { echo "backup.sh: ERROR: $*" >&2; exit 1; }
# shellcheck source=pgpass.sh
source "$(dirname "${BASH_SOURCE[0]}")/pgpass.sh"
pgtool() { if [[ -n "${PG_BIN:-}" ]]; then echo "${PG_BIN%/}/$1"; else command -v "$1" || die "$1 not found on PATH (install postgresql-client or set PG_BIN)"; fi; }

out_dir="${BACKUP_DIR:-./backups}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -o|--output-dir) [[ $# -ge 2 ]] || die "--output-dir needs a value"; out_dir="$2"; shift 2 ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done

[[ -n "${DATABASE_URL:-}" ]] || die "DATABASE_URL is not set (libpq URI postgresql://user:pass@host:5432/db)"
[[ "$DATABASE_URL" == postgres://* || "$DATABASE_URL" == postgresql://* ]] \
  || die "DATABASE_URL must be a libpq URI (postgresql://...), not a JDBC URL"
split_database_url "$DATABASE_URL"   # -> PGURL without the password, PGPASSWORD exported

pg_dump="$(pgtool pg_dump)"
[[ -x "$pg_dump" ]] || die "pg_dump not executable: $pg_dump"

mkdir -p "$out_dir"
file="$out_dir/omniops-$(date -u +%Y%m%dT%H%M%SZ).dump"
[[ ! -e "$file" ]] || die "$file already exists"
partial="$file.partial"
trap 'rm -f "$partial"' EXIT

echo "backup.sh: dumping to $file with $("$pg_dump" --version)" >&2
start=$SECONDS
# --no-password: fail instead of prompting in cron/CI. --lock-wait-timeout: do not queue
# behind a long DDL lock and block the application's own queries.
"$pg_dump" --format=custom --no-password --lock-wait-timeout=60s \
  --file="$partial" --dbname="$PGURL" \
  || die "pg_dump failed (see message above). Version mismatch? pg_dump must be >= server major"
mv "$partial" "$file"
trap - EXIT
(cd "$(dirname "$file")" && sha256sum "$(basename "$file")" > "$(basename "$file").sha256")

echo "backup.sh: done in $((SECONDS - start)) s, $(du -h "$file" | cut -f1)" >&2
echo "$file"

#!/usr/bin/env bash
# Proves a dump is usable without restoring it: checksum, readable TOC (pg_restore --list),
# and table data present for every expected table.
set -euo pipefail

DEFAULT_TABLES="customers,app_users,conversations,messages,contacts,sentiment_analysis,response_suggestions,conversation_categories,prediction_analysis,escalation_rules,escalation_events,conversation_insights"

usage() {
  cat <<USAGE
Usage: verify-backup.sh DUMP_FILE [--expect-tables t1,t2,...] [--help]

Checks DUMP_FILE (custom format from backup.sh):
  - DUMP_FILE.sha256 matches, when present
  - pg_restore --list can read the archive's table of contents
  - a TABLE DATA entry exists for every expected table
    (default: $DEFAULT_TABLES)

Environment:
  PG_BIN   directory holding pg_restore (default: from PATH)
Exit status 0 when every check passes; one line per failure otherwise.
USAGE
}

die() { echo "verify-backup.sh: ERROR: $*" >&2; exit 1; }
pgtool() { if [[ -n "${PG_BIN:-}" ]]; then echo "${PG_BIN%/}/$1"; else command -v "$1" || die "$1 not found on PATH (install postgresql-client or set PG_BIN)"; fi; }

file=""
tables="$DEFAULT_TABLES"
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --expect-tables) [[ $# -ge 2 ]] || die "--expect-tables needs a value"; tables="$2"; shift 2 ;;
    -*) die "unknown option: $1 (see --help)" ;;
    *) [[ -z "$file" ]] || die "only one dump file expected"; file="$1"; shift ;;
  esac
done
[[ -n "$file" ]] || die "missing DUMP_FILE (see --help)"
[[ -s "$file" ]] || die "$file does not exist or is empty"

failures=0
fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }

if [[ -f "$file.sha256" ]]; then
  (cd "$(dirname "$file")" && sha256sum --check --status "$(basename "$file").sha256") \
    && echo "ok: checksum" >&2 || fail "checksum mismatch for $file"
else
  echo "warn: no $file.sha256, checksum not verified" >&2
fi

toc="$(mktemp)"
trap 'rm -f "$toc"' EXIT
if ! "$(pgtool pg_restore)" --list "$file" > "$toc"; then
  fail "pg_restore --list cannot read $file (corrupt, or made by a newer pg_dump?)"
else
  echo "ok: table of contents readable ($(grep -c '^[0-9]' "$toc") entries)" >&2
  IFS=',' read -r -a wanted <<< "$tables"
  for t in "${wanted[@]}"; do
    [[ -n "$t" ]] || continue
    # TOC line: "<id>; <oid> <oid> TABLE DATA <schema> <table> <owner>"
    if grep -Eq "^[0-9]+; [0-9]+ [0-9]+ TABLE DATA [^ ]+ ${t} " "$toc"; then
      echo "ok: table data for $t" >&2
    else
      fail "no TABLE DATA entry for table $t"
    fi
  done
  echo "info: $(grep -c ' POLICY ' "$toc" || true) RLS policies, $(grep -c ' ROW SECURITY ' "$toc" || true) tables with RLS enabled in the archive" >&2
fi

if (( failures > 0 )); then
  echo "verify-backup.sh: $failures check(s) failed for $file" >&2
  exit 1
fi
echo "verify-backup.sh: $file OK" >&2

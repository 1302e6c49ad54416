# Sourced by backup.sh, restore.sh and verify-backup.sh: keeps the database password off every command line.
#
# A password inside DATABASE_URL would otherwise reach pg_dump/pg_restore/psql as an argument (--dbname=URL), where
# `ps`, /proc/PID/cmdline and process-accounting logs show it to every user of the host. libpq reads PGPASSWORD from
# the environment, which only the process's own user (and root) can read.

# split_database_url URL: sets PGURL to URL without its password and exports PGPASSWORD (percent-decoded) when the
# URL carried one. A PGPASSWORD already in the environment is kept when the URL has none.
split_database_url() {
  local url="$1"
  if [[ "$url" =~ ^(postgres(ql)?://)([^:@/?#]*):([^@/?#]*)@(.*)$ ]]; then
    local encoded="${BASH_REMATCH[4]}"
    PGURL="${BASH_REMATCH[1]}${BASH_REMATCH[3]}@${BASH_REMATCH[5]}"
    # percent-decoding: %40 -> @ (the URL form needs it, libpq's environment variable does not)
    PGPASSWORD="$(printf '%b' "${encoded//%/\\x}")"
    export PGPASSWORD
  else
    PGURL="$url"
  fi
  if [[ "$PGURL" =~ [?\&]password= ]]; then
    echo "$(basename "$0"): ERROR: put the password in the URL's user part or in PGPASSWORD, not in ?password=" >&2
    exit 1
  fi
}

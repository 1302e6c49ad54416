#!/usr/bin/env bash
# Post-deployment smoke test: the four things a user or an integration touches first.
# Prints one line per check; exits 1 when any failed.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: smoke-test.sh BASE_URL [--help]      e.g. smoke-test.sh https://app.omniops.co.uk

Checks:
  GET /api/health            200 (liveness)
  GET /api/ready             200 (database, redis, migrations)
  GET /login                 200 with an HTML page
  GET /api/v1/features       200 with Authorization: Bearer $OMNIOPS_API_KEY
Environment:
  OMNIOPS_API_KEY   required: API key of a smoke-test integration user
  SMOKE_TIMEOUT     seconds per request (default 10)
USAGE
}

[[ "${1:-}" == "-h" || "${1:-}" == "--help" ]] && { usage; exit 0; }
[[ $# -eq 1 ]] || { usage >&2; exit 2; }
base="${1%/}"
[[ "$base" =~ ^https?:// ]] || { echo "smoke-test.sh: ERROR: BASE_URL must start with http:// or https://" >&2; exit 2; }
command -v curl >/dev/null || { echo "smoke-test.sh: ERROR: curl not found" >&2; exit 2; }
timeout="${SMOKE_TIMEOUT:-10}"

failures=0
body="$(mktemp)"; trap 'rm -f "$body"' EXIT

# request PATH [curl args...] -> sets $status and $ctype; body in $body
request() {
  local path="$1"; shift
  local out
  out="$(curl -sS -o "$body" -w '%{http_code} %{content_type}' --max-time "$timeout" "$@" "$base$path" 2>&1)" \
    || { status="000"; ctype="curl: ${out}"; return 0; }
  status="${out%% *}"; ctype="${out#* }"
}
snippet() { tr -s '\r\n\t ' ' ' < "$body" | head -c "${1:-200}"; }   # body on one line
check() {   # name ok? detail
  if [[ "$2" == true ]]; then echo "PASS $1"; else echo "FAIL $1: $3"; failures=$((failures + 1)); fi
}

request /api/health
check "GET /api/health" "$([[ $status == 200 ]] && echo true)" "HTTP $status $(snippet 200)"

request /api/ready
check "GET /api/ready" "$([[ $status == 200 ]] && echo true)" "HTTP $status $(snippet 300)"

request /login
check "GET /login" "$([[ $status == 200 && ( $ctype == text/html* || $(head -c 2000 "$body") == *'<html'* ) ]] && echo true)" \
  "HTTP $status, content-type '$ctype' (expected 200 with HTML)"

if [[ -z "${OMNIOPS_API_KEY:-}" ]]; then
  check "GET /api/v1/features" false "OMNIOPS_API_KEY is not set"
else
  request /api/v1/features -H "Authorization: Bearer $OMNIOPS_API_KEY" -H 'Accept: application/json'
  check "GET /api/v1/features" "$([[ $status == 200 ]] && echo true)" "HTTP $status $(snippet 200)"
fi

if (( failures > 0 )); then
  echo "smoke-test.sh: $failures check(s) failed against $base"
  exit 1
fi
echo "smoke-test.sh: all checks passed against $base"

#!/usr/bin/env bash
# Brings OmniOps back after a restore: restores the replica count saved by scale-down.sh
# (or --replicas N), which also re-activates the HPA, and waits for readiness.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scale-up.sh [--namespace NS] [--deployment NAME] [--replicas N] [--timeout 300s] [--dry-run] [--help]

  1. replicas = --replicas, else annotation omniops.co.uk/replicas-before-scale-down, else 3
  2. kubectl scale --replicas=N
  3. kubectl rollout status (pods pass /api/ready: database, redis, migrations)

Defaults: --namespace production --deployment omniops-phase4. --dry-run prints the commands.
Afterwards run deploy/smoke-test.sh against the public URL.
USAGE
}
die() { echo "scale-up.sh: ERROR: $*" >&2; exit 1; }

ns=production; deploy=omniops-phase4; timeout=300s; dry=false; replicas=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -n|--namespace) ns="${2:?--namespace needs a value}"; shift 2 ;;
    --deployment) deploy="${2:?--deployment needs a value}"; shift 2 ;;
    --replicas) replicas="${2:?--replicas needs a value}"; shift 2 ;;
    --timeout) timeout="${2:?--timeout needs a value}"; shift 2 ;;
    --dry-run) dry=true; shift ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
run() { echo "+ $*" >&2; $dry || "$@"; }

command -v kubectl >/dev/null || die "kubectl not found on PATH"
if [[ -z "$replicas" ]] && ! $dry; then
  replicas="$(kubectl -n "$ns" get deployment "$deploy" \
    -o jsonpath='{.metadata.annotations.omniops\.co\.uk/replicas-before-scale-down}')" \
    || die "deployment/$deploy not found in namespace $ns (wrong context?)"
fi
replicas="${replicas:-3}"   # seed: 3 replicas; the HPA minimum is 3 as well
[[ "$replicas" =~ ^[1-9][0-9]*$ ]] || die "replica count must be a positive integer, got '$replicas'"

run kubectl -n "$ns" scale deployment "$deploy" --replicas="$replicas"
run kubectl -n "$ns" rollout status deployment "$deploy" --timeout="$timeout"
run kubectl -n "$ns" annotate deployment "$deploy" "omniops.co.uk/replicas-before-scale-down-"
echo "scale-up.sh: deployment/$deploy at $replicas replicas and ready in $ns" >&2

#!/usr/bin/env bash
# Stops every OmniOps pod before a restore so nothing writes to the database meanwhile.
# Scaling a Deployment to 0 also pauses its HPA (Kubernetes does not autoscale a target at
# 0 replicas); the previous replica count is saved in an annotation for scale-up.sh.
set -euo pipefail

usage() {
  cat <<'USAGE'
Usage: scale-down.sh [--namespace NS] [--deployment NAME] [--timeout 120s] [--dry-run] [--help]

  1. records the current replica count in annotation omniops.co.uk/replicas-before-scale-down
  2. kubectl scale --replicas=0
  3. waits until every app pod is gone (in-flight requests finish: grace period 45 s)

Defaults: --namespace production --deployment omniops-phase4. kubectl uses the current
context (set KUBECONFIG / kubectl config use-context first). --dry-run prints the commands.
USAGE
}
die() { echo "scale-down.sh: ERROR: $*" >&2; exit 1; }

ns=production; deploy=omniops-phase4; timeout=120s; dry=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    -n|--namespace) ns="${2:?--namespace needs a value}"; shift 2 ;;
    --deployment) deploy="${2:?--deployment needs a value}"; shift 2 ;;
    --timeout) timeout="${2:?--timeout needs a value}"; shift 2 ;;
    --dry-run) dry=true; shift ;;
    *) die "unknown argument: $1 (see --help)" ;;
  esac
done
run() { echo "+ $*" >&2; $dry || "$@"; }

command -v kubectl >/dev/null || die "kubectl not found on PATH"
if $dry; then
  replicas=3
else
  replicas="$(kubectl -n "$ns" get deployment "$deploy" -o jsonpath='{.spec.replicas}')" \
    || die "deployment/$deploy not found in namespace $ns (wrong context?)"
fi
if [[ "$replicas" == "0" ]]; then
  echo "scale-down.sh: deployment/$deploy already at 0 replicas" >&2
  exit 0
fi
run kubectl -n "$ns" annotate deployment "$deploy" --overwrite "omniops.co.uk/replicas-before-scale-down=$replicas"
run kubectl -n "$ns" scale deployment "$deploy" --replicas=0
selector="$($dry && echo 'app=omniops,version=phase4' || kubectl -n "$ns" get deployment "$deploy" -o jsonpath='{.spec.selector.matchLabels}' | tr -d '{}"' | tr ':' '=')"
run kubectl -n "$ns" wait --for=delete pod --selector="$selector" --timeout="$timeout"
echo "scale-down.sh: deployment/$deploy scaled from $replicas to 0 in $ns" >&2

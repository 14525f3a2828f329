#!/usr/bin/env bash
# Runs the Kubernetes example end to end: N injectors as an Indexed Job, then the merge.
# Needs kubectl with a context on the cluster, the image streamload:local where the nodes can pull
# it, and the Secret streamload-accounts (README.md). Not run by the project's tests: it needs a
# cluster.
#
#   TARGET_URL=https://chat.example.com docs/kubernetes/run.sh
set -euo pipefail
cd "$(dirname "$0")"

: "${TARGET_URL:?set TARGET_URL to the API under test}"
START_DELAY_S="${START_DELAY_S:-120}"   # time the pods get to be scheduled and start (< 600)
RUN_TIMEOUT_S="${RUN_TIMEOUT_S:-3600}"  # the injectors' job deadline (activeDeadlineSeconds)

run_id="run-$(date -u +%Y%m%d-%H%M%S)"
start_at=$(date -u -d "+${START_DELAY_S} seconds" +%Y-%m-%dT%H:%M:%SZ)
echo "${run_id}: injectors start their steps at ${start_at}"

kubectl apply -f results-volume.yaml
kubectl delete job streamload-injectors streamload-merge --ignore-not-found --wait=true
kubectl create configmap streamload-run --from-literal=runId="${run_id}" \
  --from-literal=startAt="${start_at}" --from-literal=targetUrl="${TARGET_URL}" \
  --dry-run=client -o yaml | kubectl apply -f -
kubectl apply -f injectors-job.yaml

# Wait (bounded) until the job has finished, completed or failed: the merge says which injector
# is missing or failed.
deadline=$((SECONDS + RUN_TIMEOUT_S + 60))
while ((SECONDS < deadline)); do
  state=$(kubectl get job streamload-injectors \
    -o jsonpath='{range .status.conditions[?(@.status=="True")]}{.type} {end}')
  case "${state}" in *Complete*|*Failed*) break ;; esac
  sleep 10
done
kubectl get job streamload-injectors -o wide

kubectl apply -f merge-job.yaml
kubectl wait --for=condition=Complete job/streamload-merge --timeout=10m || true
kubectl logs job/streamload-merge
echo "merged result on the volume streamload-results: /results/${run_id}/merged"

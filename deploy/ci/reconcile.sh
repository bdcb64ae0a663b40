#!/usr/bin/env bash
# Plan or apply the matrix in this repository through IDC Control Plane, for CI.
#
#   deploy/ci/reconcile.sh plan     # prints the text plan; exit 0 whether or not there are changes
#   deploy/ci/reconcile.sh apply    # applies and waits; exit 0 only when the run SUCCEEDED
#
# Environment:
#   IDC_URL            base URL of the service, e.g. https://idc.example.internal
#   IDC_TOKEN          a bearer token with the ci role; or, to fetch one by client credentials:
#   IDC_TOKEN_URL, IDC_CLIENT_ID, IDC_CLIENT_SECRET (and optionally IDC_SCOPE)
#   IDC_MATRIX_DIR     folder of the matrix files (default: assignments)
#   IDC_COMMIT         commit id recorded with the plan (default: GITHUB_SHA or git rev-parse HEAD)
#   IDC_ALLOW_DELETES  true to pass the deletion guard (default: false)
#   IDC_SUMMARY        file to append the text plan to (default: GITHUB_STEP_SUMMARY if set)
#
# Exit codes: 0 success; 2 usage; 3 busy (409: another run, or the plan went stale);
# 4 invalid matrix or deletion guard (422); 5 AWS failed part of the run (502); 6 anything else.
set -euo pipefail

mode=${1:-}
case "$mode" in plan|apply) ;; *) echo "usage: $0 plan|apply" >&2; exit 2 ;; esac
: "${IDC_URL:?set IDC_URL to the base URL of the service}"
dir=${IDC_MATRIX_DIR:-assignments}
commit=${IDC_COMMIT:-${GITHUB_SHA:-$(git rev-parse HEAD 2>/dev/null || true)}}
summary=${IDC_SUMMARY:-${GITHUB_STEP_SUMMARY:-}}
command -v jq >/dev/null || { echo "jq is required" >&2; exit 2; }

if [ -z "${IDC_TOKEN:-}" ]; then
  : "${IDC_TOKEN_URL:?set IDC_TOKEN, or IDC_TOKEN_URL with IDC_CLIENT_ID and IDC_CLIENT_SECRET}"
  IDC_TOKEN=$(curl -fsS -X POST "$IDC_TOKEN_URL" \
    -d grant_type=client_credentials -d client_id="$IDC_CLIENT_ID" \
    -d client_secret="$IDC_CLIENT_SECRET" ${IDC_SCOPE:+-d scope="$IDC_SCOPE"} | jq -r .access_token)
fi

body=$(jq -n --arg commit "$commit" '{commit: $commit, files: {}}')
shopt -s nullglob
files=("$dir"/*.yaml "$dir"/*.yml)
[ ${#files[@]} -gt 0 ] || { echo "no *.yaml files in $dir" >&2; exit 2; }
for f in "${files[@]}"; do
  body=$(jq --arg n "$(basename "$f")" --rawfile t "$f" '.files[$n] = $t' <<<"$body")
done

out=$(mktemp)
query="mode=$mode"
[ "$mode" = apply ] && query="$query&wait=true&allowDeletes=${IDC_ALLOW_DELETES:-false}"
accept="application/json"
[ "$mode" = plan ] && accept="text/plain"
status=$(curl -sS -o "$out" -w '%{http_code}' -X POST "$IDC_URL/api/v1/reconcile?$query" \
  -H "Authorization: Bearer $IDC_TOKEN" -H "Content-Type: application/json" -H "Accept: $accept" \
  --data-binary "$body")

cat "$out"; echo
if [ -n "$summary" ] && [ "$status" = 200 ]; then
  if [ "$mode" = plan ]; then
    { echo '### IDC Control Plane plan'; echo '```'; cat "$out"; echo '```'; } >> "$summary"
  else
    { echo '### IDC Control Plane apply'; echo '```json'; jq . "$out"; echo '```'; } >> "$summary"
  fi
fi
case "$status" in
  200|202) exit 0 ;;
  409) echo "busy or stale: $(jq -r .message "$out" 2>/dev/null)" >&2; exit 3 ;;
  422) echo "refused: $(jq -r .message "$out" 2>/dev/null)" >&2; exit 4 ;;
  502) echo "AWS failed part of the run" >&2; exit 5 ;;
  *) echo "unexpected HTTP $status" >&2; exit 6 ;;
esac

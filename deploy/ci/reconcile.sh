#!/usr/bin/env bash
# Plan or apply the matrix in this repository through IDC Control Plane, for CI.
#
#   deploy/ci/reconcile.sh plan     # prints the text plan; exit 0 whether or not there are changes
#   deploy/ci/reconcile.sh apply    # applies and waits; exit 0 only when the run SUCCEEDED
#
# Environment:
#   IDC_URL              base URL of the service, e.g. https://idc.example.internal
#   IDC_MATRIX_DIR       folder of the matrix files (default: assignments)
#   IDC_COMMIT           commit id recorded with the plan (default: GITHUB_SHA or git rev-parse HEAD)
#   IDC_ALLOW_DELETES    true to pass the deletion guard (default: false)
#   IDC_SUMMARY          file to append the text plan to (default: GITHUB_STEP_SUMMARY if set)
#   IDC_CONNECT_TIMEOUT  seconds to wait for a connection, to the service or a token endpoint
#                        (default: 10)
#
# The bearer token, first of these that is configured:
#   1. IDC_TOKEN         a static token (ci to plan, deployer to apply). A fallback: a long-lived
#                        secret that every job holding it can use.
#   2. IDC_TOKEN_URL, IDC_CLIENT_ID, IDC_CLIENT_SECRET (optionally IDC_SCOPE): client credentials.
#   3. GitHub Actions OIDC, no secret at all: when the job has `permissions: id-token: write`,
#      GitHub sets ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN, and the script
#      asks GitHub for a token for IDC_AUDIENCE (must equal the service's idc.auth.github.audience).
#      The service grants ci to listed repositories, and deployer only on a deploy ref, outside
#      pull-request events, in the deploy environment.
#
# Exit codes:
#   0  success (plan printed; or apply SUCCEEDED, or nothing to change)
#   2  usage: bad argument, IDC_URL unset, jq missing, no matrix files
#   3  busy or stale (409: another run holds the lock, or the plan went stale)
#   4  refused (422): invalid matrix, or the deletion guard tripped
#   5  AWS failed part of the run (502)
#   6  any other HTTP answer (e.g. 401 token not accepted, 403 role missing or repository not
#      listed, 5xx); the service's {code, message} is printed
#   7  cannot connect to the service (DNS, connection refused, TLS, timeout, empty reply)
#   8  no token could be obtained (none configured, or the token endpoint / GitHub refused or
#      could not be reached)
set -euo pipefail

mode=${1:-}
case "$mode" in plan|apply) ;; *) echo "usage: $0 plan|apply" >&2; exit 2 ;; esac
[ -n "${IDC_URL:-}" ] || { echo "set IDC_URL to the base URL of the service" >&2; exit 2; }
dir=${IDC_MATRIX_DIR:-assignments}
commit=${IDC_COMMIT:-${GITHUB_SHA:-$(git rev-parse HEAD 2>/dev/null || true)}}
summary=${IDC_SUMMARY:-${GITHUB_STEP_SUMMARY:-}}
command -v jq >/dev/null || { echo "jq is required" >&2; exit 2; }

timeout=${IDC_CONNECT_TIMEOUT:-10}

no_token() { echo "no token: $*" >&2; exit 8; }

# The token, in the order documented above.
token=${IDC_TOKEN:-}
if [ -z "$token" ] && [ -n "${IDC_TOKEN_URL:-}" ]; then
  [ -n "${IDC_CLIENT_ID:-}" ] && [ -n "${IDC_CLIENT_SECRET:-}" ] \
    || no_token "set IDC_CLIENT_ID and IDC_CLIENT_SECRET with IDC_TOKEN_URL"
  answer=$(curl -fsS --connect-timeout "$timeout" -X POST "$IDC_TOKEN_URL" \
    -d grant_type=client_credentials -d client_id="$IDC_CLIENT_ID" \
    -d client_secret="$IDC_CLIENT_SECRET" ${IDC_SCOPE:+-d scope="$IDC_SCOPE"}) \
    || no_token "the token endpoint $IDC_TOKEN_URL failed (curl exit $?)"
  token=$(jq -r '.access_token // empty' <<<"$answer" 2>/dev/null) || true
  [ -n "$token" ] || no_token "the token endpoint $IDC_TOKEN_URL answered without access_token"
fi
if [ -z "$token" ] && [ -n "${ACTIONS_ID_TOKEN_REQUEST_URL:-}" ]; then
  [ -n "${ACTIONS_ID_TOKEN_REQUEST_TOKEN:-}" ] || no_token "ACTIONS_ID_TOKEN_REQUEST_TOKEN is unset"
  [ -n "${IDC_AUDIENCE:-}" ] \
    || no_token "set IDC_AUDIENCE to the service's idc.auth.github.audience for GitHub OIDC"
  audience=$(jq -rn --arg a "$IDC_AUDIENCE" '$a|@uri')
  answer=$(curl -fsS --connect-timeout "$timeout" \
    -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \
    "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=$audience") \
    || no_token "GitHub refused or could not be reached for an OIDC token (curl exit $?);" \
      "does the job have permissions: id-token: write?"
  token=$(jq -r '.value // empty' <<<"$answer" 2>/dev/null) || true
  [ -n "$token" ] || no_token "GitHub answered the OIDC token request without a value"
fi
[ -n "$token" ] || no_token "set IDC_TOKEN; or IDC_TOKEN_URL, IDC_CLIENT_ID and IDC_CLIENT_SECRET;" \
  "or run in GitHub Actions with permissions: id-token: write and IDC_AUDIENCE"

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
rc=0
status=$(curl -sS --connect-timeout "$timeout" -o "$out" -w '%{http_code}' \
  -X POST "$IDC_URL/api/v1/reconcile?$query" \
  -H "Authorization: Bearer $token" -H "Content-Type: application/json" -H "Accept: $accept" \
  --data-binary @- <<<"$body") || rc=$?
case "$rc" in
  0) ;;
  5|6|7|28|35|52|56|60)
    echo "cannot connect to IDC Control Plane at $IDC_URL (curl exit $rc)" >&2; exit 7 ;;
  *) echo "the request to $IDC_URL failed (curl exit $rc)" >&2; exit 6 ;;
esac

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
  *) echo "HTTP $status: $(jq -r '"\(.code): \(.message)"' "$out" 2>/dev/null)" >&2; exit 6 ;;
esac

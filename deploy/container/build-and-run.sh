#!/usr/bin/env bash
# Opt-in container check (not part of the test suite): builds the image from target/quarkus-app
# on this machine without pulling from any registry, starts it read-only and non-root against the
# local PostgreSQL, and checks health, authentication and the user it runs as.
#
#   deploy/container/build-and-run.sh        # exit 0: every check passed
#
# Needs: podman, runc (crun fails on this machine), mmdebstrap (first run, to build the base), psql, curl, openssl; PostgreSQL
# at 127.0.0.1:5432 (user postgres, trust). Uses its own database, dropped afterwards.
set -euo pipefail

cd "$(dirname "$0")/../.."
IMAGE="${IMAGE:-idc-control-plane:0.1.0-SNAPSHOT}"
BASE_IMAGE="${BASE_IMAGE:-localhost/idc-base-bookworm-jre17:latest}"
PORT="${PORT:-18089}"
DB="${DB:-idc_container_check}"
NAME="idc-container-check-$$"
WORK="$(mktemp -d)"
PSQL=(env PGOPTIONS=-cclient_min_messages=warning psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -q -d postgres)

step() { printf '[%4ss] %s\n' "$SECONDS" "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

cleanup() {
  local rc=$?
  if podman container exists "$NAME" 2>/dev/null; then
    [ "$rc" -ne 0 ] && podman logs --tail 40 "$NAME" >&2 || true
    podman rm -f "$NAME" >/dev/null || true
  fi
  "${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
  exit "$rc"
}
trap cleanup EXIT

[[ "$DB" =~ ^[a-z_][a-z0-9_]*$ ]] || fail "DB must be a plain lower-case identifier: $DB"

for tool in podman runc psql curl openssl; do
  command -v "$tool" >/dev/null || fail "$tool is not installed (apt-get install -y podman runc postgresql-client curl openssl)"
done

if [ ! -f target/quarkus-app/quarkus-run.jar ] || [ "${REPACKAGE:-0}" = 1 ]; then
  step "packaging (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi

if ! podman image exists "$BASE_IMAGE"; then
  command -v mmdebstrap >/dev/null || fail "mmdebstrap is not installed (apt-get install -y mmdebstrap)"
  step "building the base $BASE_IMAGE with mmdebstrap (Debian bookworm + OpenJDK 17 JRE)"
  mmdebstrap --quiet --variant=essential --include=openjdk-17-jre-headless,ca-certificates \
    bookworm "$WORK/base.tar"
  podman import --quiet "$WORK/base.tar" "$BASE_IMAGE" >/dev/null
  rm -f "$WORK/base.tar"
fi

# runc, as crun fails here; through runc-without-rlimits where setting rlimits is refused.
RUNTIME="${RUNTIME:-runc}"
if ! podman run --rm --runtime "$RUNTIME" --network host "$BASE_IMAGE" true 2>"$WORK/probe.err"; then
  grep -q 'setting rlimit' "$WORK/probe.err" || fail "podman run failed: $(cat "$WORK/probe.err")"
  RUNTIME="$PWD/deploy/container/runc-without-rlimits"
  step "this machine refuses container rlimits: using $RUNTIME"
fi

step "building $IMAGE"
podman build --quiet --format docker --pull=never --build-arg BASE="$BASE_IMAGE" \
  -f deploy/container/Dockerfile -t "$IMAGE" target/quarkus-app >/dev/null

step "creating database $DB"
"${PSQL[@]}" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"

# A throwaway key pair: the prod profile needs a token verifier; nothing here signs tokens.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$WORK/key.pem" 2>/dev/null
PUBLIC_KEY="$(openssl pkey -in "$WORK/key.pem" -pubout -outform DER | base64 -w0)"

step "starting $NAME (read-only root, /tmp tmpfs, no capabilities, port $PORT)"
# --health-interval=disable: without systemd there is no periodic timer; the HEALTHCHECK is run
# once by hand below.
podman run -d --name "$NAME" --runtime "$RUNTIME" --network host --health-interval=disable \
  --read-only --read-only-tmpfs=false --mount type=tmpfs,destination=/tmp,tmpfs-mode=1777 \
  --cap-drop ALL --security-opt no-new-privileges \
  -v "$PWD/deploy/sandbox/seed.yaml:/seed/seed.yaml:ro" \
  -e QUARKUS_HTTP_PORT="$PORT" \
  -e IDC_DB_URL="jdbc:postgresql://127.0.0.1:5432/$DB" -e IDC_DB_USER=postgres \
  -e IDC_BACKEND=sandbox -e IDC_SANDBOX_SEED=/seed/seed.yaml -e IDC_SCAN_ENABLED=false \
  -e QUARKUS_OIDC_PUBLIC_KEY="$PUBLIC_KEY" -e IDC_AUTH_ISSUER=idc-container-check \
  -e IDC_AUTH_AUDIENCE=idc-control-plane \
  "$IMAGE" >/dev/null

step "waiting for /q/health to be UP"
health=""
for _ in $(seq 1 90); do
  podman container exists "$NAME" && [ "$(podman inspect -f '{{.State.Running}}' "$NAME")" = true ] \
    || fail "the container stopped"
  health="$(curl -s "http://127.0.0.1:$PORT/q/health" || true)"
  grep -q '"status": *"UP"' <<<"$health" && break
  sleep 2
done
grep -q '"status": *"UP"' <<<"$health" || fail "/q/health is not UP: $health"
step "health UP"

code="$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/api/v1/matrix")"
[ "$code" = 401 ] || fail "GET /api/v1/matrix without a token answered $code, expected 401"
step "API without a token: 401"

uids="$(podman exec "$NAME" grep '^Uid:' /proc/1/status)"
awk '{ for (i = 2; i <= NF; i++) if ($i == 0) exit 1 }' <<<"$uids" \
  || fail "the service runs as root: $uids"
step "process runs as non-root ($uids)"

if podman exec "$NAME" bash -c ': > /deployments/write-check' 2>/dev/null; then
  fail "the root filesystem is writable"
fi
step "root filesystem is read-only"

podman healthcheck run "$NAME" >/dev/null || fail "the image's HEALTHCHECK failed"
step "image HEALTHCHECK passes"

step "all checks passed"

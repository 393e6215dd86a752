#!/usr/bin/env bash
# Runs every test of RedCross.Platform on a fresh machine with the .NET SDK: installs what is missing
# (rabbitmq-server from Debian for the system tests, kubectl for the deployment tests), builds with warnings as errors, runs all tests
# and ends with one summary line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/lib/rabbitmq/bin/rabbitmq-server ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing rabbitmq-server (Debian) for the system tests..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq rabbitmq-server >/dev/null
  else
    echo "rabbitmq-server is missing: run 'sudo apt-get install -y rabbitmq-server' (or run this script as root)." >&2
    exit 1
  fi
fi
if ! command -v kubectl >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing kubernetes-client (Debian's kubectl) for the deployment tests (kubectl kustomize)..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubernetes-client >/dev/null
  else
    echo "kubectl is missing: run 'sudo apt-get install -y kubernetes-client' (or run this script as root)." >&2
    exit 1
  fi
fi
# The Debian package may start its own broker; the tests start private nodes and need none.
if command -v service >/dev/null 2>&1 && pgrep -f "rabbit.*-s rabbit boot" -u rabbitmq >/dev/null 2>&1; then
  service rabbitmq-server stop >/dev/null 2>&1 || true
fi

dotnet build RedCross.Platform.sln -c Release -warnaserror -nologo -v quiet

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test RedCross.Platform.sln -c Release --no-build -nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

summary=$(grep -E "^(Passed|Failed)!" "$log" | sed -E 's/.*Failed: *([0-9]+), Passed: *([0-9]+), Skipped: *([0-9]+).*/\1 \2 \3/' |
  awk '{f+=$1; p+=$2; s+=$3} END {printf "%d passed, %d failed, %d skipped", p, f, s}')
echo "tests: ${summary:-0 passed, 0 failed, 0 skipped}"
exit "$status"

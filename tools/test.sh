#!/usr/bin/env bash
# Runs every test of RedCross.Platform on a fresh machine with the .NET SDK: installs what is missing from Debian
# (rabbitmq-server for the system tests, kubectl for the deployment tests, chromium for the browser tests, DejaVu fonts
# for the report's charts), builds
# with warnings as errors, runs all tests and ends with one summary line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

# install_if_missing FILE_OR_COMMAND DEBIAN_PACKAGE WHY
install_if_missing() {
  if [ -x "$1" ] || command -v "$1" >/dev/null 2>&1; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "$2 is missing ($3): run 'sudo apt-get install -y $2' (or run this script as root)." >&2
    exit 1
  fi
  echo "Installing $2 (Debian) for $3..."
  [ -n "${apt_updated:-}" ] || { apt-get update -qq; apt_updated=1; }
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null
}
install_if_missing /usr/lib/rabbitmq/bin/rabbitmq-server rabbitmq-server "the system tests' private brokers"
install_if_missing kubectl kubernetes-client "the deployment tests (kubectl kustomize)"
install_if_missing chromium chromium "the browser tests: the web console and the HTML report (Playwright drives it)"
install_if_missing /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf fonts-dejavu-core "the report's charts (lettered in DejaVu Serif, which has Vietnamese letters)"
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

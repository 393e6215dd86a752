#!/usr/bin/env bash
# Runs the microservices mode on this machine: a private RabbitMQ node (from Debian's rabbitmq-server),
# then reporting, relief, awards, membership and the gateway as separate processes sharing one data folder's signing key.
# then reporting, relief, campaign, membership and the gateway as separate processes sharing one data folder's signing key.
# Ctrl+C stops everything this script started (and only that).
set -euo pipefail
cd "$(dirname "$0")/.."
data=${DATA:-$HOME/.local/share/redcross-microservices}
mkdir -p "$data"
[ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] || { echo "Install rabbitmq-server first (apt-get install -y rabbitmq-server)." >&2; exit 1; }

dotnet build RedCross.Platform.sln -c Release -nologo -v quiet
rabbit=$(mktemp -d)
node=rc-local@localhost
rabbit_env=(HOME="$rabbit" RABBITMQ_NODENAME=$node RABBITMQ_MNESIA_BASE="$rabbit/mnesia" RABBITMQ_LOG_BASE="$rabbit/log"
  RABBITMQ_PID_FILE="$rabbit/pid" RABBITMQ_NODE_PORT=5672 RABBITMQ_DIST_PORT=25672 ERL_EPMD_PORT=24369
  RABBITMQ_ENABLED_PLUGINS_FILE="$rabbit/enabled_plugins")
echo "[]." > "$rabbit/enabled_plugins"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  env "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -n $node stop >/dev/null 2>&1 || true
  sleep 2; epmd -port 24369 -kill >/dev/null 2>&1 || true
  rm -rf "$rabbit"
}
trap cleanup EXIT INT TERM

env "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmq-server -detached
until env "${rabbit_env[@]}" /usr/lib/rabbitmq/bin/rabbitmqctl -n $node await_startup >/dev/null 2>&1; do sleep 0.5; done
echo "RabbitMQ ready on 5672"

common=(--Auth:SigningKeyFile="$data/signing.key" --Messaging:Transport=RabbitMq)
run() { # name project
  dotnet "$2/bin/Release/net10.0/$(basename "$2").dll" --Data:Directory="$data/$1" "${common[@]}" "${@:3}" &
  pids+=($!)
}
# Any order works: reporting catches up from the logs of services that published before it started.
run reporting services/Reporting/RedCross.Reporting.Host
run gateway gateway/RedCross.Gateway
sleep 3
run membership services/Membership/RedCross.Membership.Host
# Relief consumes membership's org tree and publishes to reporting: it starts once both queues' owners are up.
run relief services/Relief/RedCross.Relief.Host
# Awards consumes membership's tree and members and campaign's donations, and publishes to reporting.
run awards services/Awards/RedCross.Awards.Host
# Campaign consumes membership's tree and relief's distributions, and draws programme lists from relief over gRPC.
run campaign services/Campaign/RedCross.Campaign.Host
echo "gateway: REST http://localhost:8080, gRPC localhost:8081; rc --server http://localhost:8081 --data $data login --role province_admin --org 06"
wait

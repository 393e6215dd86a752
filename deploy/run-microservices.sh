#!/usr/bin/env bash
# Microservices mode on this machine, as separate processes:
#   deploy/run-microservices.sh start    private RabbitMQ node (Debian's rabbitmq-server), the identity, the five
#                                        services, the gateway, the web console (behind the gateway)
#   deploy/run-microservices.sh status   what runs: pid alive and /health/ready, ports, log files
#   deploy/run-microservices.sh stop     stops exactly the processes recorded by start (and the RabbitMQ node it started)
# Everything lives under STATE_DIR (default ~/.local/state/redcross-microservices): data/<host>/ (SQLite files; the
# identity's also keys/, the only signing keys, made by the identity on first start), secrets/<host> (each host's
# service client secret, mode 600; the console has none), logs/<host>.log, pids/<host>.pid, rabbitmq/ (node data,
# logs, account).
# Ports are the defaults of docs/operations.md; the broker's: AMQP_PORT (5672), RABBIT_DIST_PORT (25672), EPMD_PORT (24369).
set -euo pipefail
cd "$(dirname "$0")/.."

state=${STATE_DIR:-$HOME/.local/state/redcross-microservices}
node=${RABBIT_NODE:-rc-local@localhost}
amqp_port=${AMQP_PORT:-5672}
dist_port=${RABBIT_DIST_PORT:-25672}
epmd_port=${EPMD_PORT:-24369}
rabbit_bin=/usr/lib/rabbitmq/bin
identity_url=http://localhost:5160
# The gateway: the one address browsers and API clients use (the console's pages and the identity's sign-in included).
gateway_url=http://localhost:8080
gateway_grpc=http://localhost:8081

# name  project  REST/health port  gRPC port. The identity first: every other host validates tokens from its published
# keys and gets its own service token from it. Among the others order does not matter (consumers catch up from the logs;
# the gateway answers 503 for a backend not up yet).
hosts=(
  "identity   services/Identity/RedCross.Identity.Host     5160 5161"
  "membership services/Membership/RedCross.Membership.Host 5110 5111"
  "relief     services/Relief/RedCross.Relief.Host         5120 5121"
  "campaign   services/Campaign/RedCross.Campaign.Host     5130 5131"
  "awards     services/Awards/RedCross.Awards.Host         5140 5141"
  "reporting  services/Reporting/RedCross.Reporting.Host   5150 5151"
  "gateway    gateway/RedCross.Gateway                     8080 8081"
  "console    services/Console/RedCross.WebConsole.Host    5170 5171"
)

# The web console calls nothing as itself (every call carries the signed-in person's token), so it has no service
# client at the identity: no secret to leak from the most exposed host.
has_client() { [ "$1" != identity ] && [ "$1" != console ]; }

rabbit_env() {
  env HOME="$state/rabbitmq" RABBITMQ_NODENAME="$node" RABBITMQ_MNESIA_BASE="$state/rabbitmq/mnesia" \
    RABBITMQ_LOG_BASE="$state/rabbitmq/log" RABBITMQ_PID_FILE="$state/rabbitmq/rabbit.pid" \
    RABBITMQ_NODE_PORT="$amqp_port" RABBITMQ_DIST_PORT="$dist_port" ERL_EPMD_PORT="$epmd_port" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$state/rabbitmq/enabled_plugins" "$@"
}
rabbitmqctl() { rabbit_env "$rabbit_bin/rabbitmqctl" -n "$node" "$@"; }
# rabbitmqctl starts an epmd when none runs: ask epmd first, so a status check leaves nothing behind.
epmd_up() { epmd -port "$epmd_port" -names >/dev/null 2>&1; }
node_up() { epmd_up && rabbitmqctl status >/dev/null 2>&1; }
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
ready() { curl -fsS -m 2 -o /dev/null "http://127.0.0.1:$1/health/ready" 2>/dev/null; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_rabbit() {
  [ -x "$rabbit_bin/rabbitmq-server" ] || { echo "Install rabbitmq-server first (apt-get install -y rabbitmq-server)." >&2; exit 1; }
  if node_up; then echo "RabbitMQ node $node already running"; return; fi
  port_open "$amqp_port" && { echo "Port $amqp_port is taken by another broker: set AMQP_PORT." >&2; exit 1; }
  mkdir -p "$state/rabbitmq/mnesia" "$state/rabbitmq/log"
  echo "[]." > "$state/rabbitmq/enabled_plugins"
  # epmd is shared by every Erlang node on its port: stop it later only if this script started it.
  if ! epmd_up; then touch "$state/rabbitmq/epmd-started-here"; fi
  rabbit_env "$rabbit_bin/rabbitmq-server" -detached
  local deadline=$((SECONDS + 60))
  until rabbitmqctl await_startup >/dev/null 2>&1; do   # exits 69 while the node is still booting
    [ $SECONDS -lt $deadline ] || { echo "RabbitMQ did not start; see $state/rabbitmq/log" >&2; exit 1; }
    sleep 1
  done
  # Its own account instead of guest, kept (mode 600) beside the node's data.
  if [ ! -f "$state/rabbitmq/credentials" ]; then
    (umask 077; printf 'redcross %s\n' "$(head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n')" > "$state/rabbitmq/credentials")
  fi
  read -r user password < "$state/rabbitmq/credentials"
  rabbitmqctl list_users -q | grep -q "^$user\b" || rabbitmqctl add_user "$user" "$password" >/dev/null
  rabbitmqctl set_permissions -p / "$user" ".*" ".*" ".*" >/dev/null
  rabbitmqctl delete_user guest >/dev/null 2>&1 || true
  echo "RabbitMQ node $node ready on port $amqp_port (account in $state/rabbitmq/credentials)"
}

# One secret per host for its service client at the identity (client id service-<host>), made once and kept (mode 600).
ensure_secrets() {
  (umask 077; mkdir -p "$state/secrets")
  for h in "${hosts[@]}"; do
    read -r name _ <<< "$h"
    has_client "$name" || continue
    [ -s "$state/secrets/$name" ] && continue
    (umask 077; head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$state/secrets/$name")
  done
}

# Starts one host in the background and records its pid. Secrets go through the environment of a subshell that execs
# the host (never on a command line, where any user could read them); `exec nohup dotnet` keeps $! the host's own pid.
launch() {
  local name=$1 project=$2
  (
    export Data__Directory="$state/data/$name"
    if [ "$name" = identity ]; then
      # The only signer: its keys in data/identity/keys/, its issuer the address the other hosts reach it at.
      export Auth__Issuer="$identity_url/"
      local client secret
      for h in "${hosts[@]}"; do
        read -r client _ <<< "$h"
        has_client "$client" || continue
        secret=$(cat "$state/secrets/$client")
        export "Identity__ServiceClients__${client}__Secret=$secret"
      done
      export Identity__ServiceClients__campaign__Scopes="events.read relief.read"
      # The web console signs people in through the gateway and is sent back to it.
      export Identity__Apps__console__RedirectUris__0="$gateway_url/signin-oidc"
    elif [ "$name" = console ]; then
      # No service client (it calls as nobody but the signed-in person) and no broker: the identity for sign-in
      # (server side: discovery, tokens), the gateway for the API; browsers reach it, and the identity's sign-in
      # pages, at the gateway.
      export Auth__Authority="$identity_url" Console__PublicUrl="$gateway_url" Console__Api="$gateway_grpc"
      export Console__AuthorizationEndpoint="$gateway_url/connect/authorize"
    else
      export Auth__Authority="$identity_url" Auth__ClientId="service-$name"
      Auth__ClientSecret=$(cat "$state/secrets/$name"); export Auth__ClientSecret
      if [ "$name" != gateway ]; then
        export Messaging__Transport=RabbitMq Messaging__RabbitMq__Host=localhost Messaging__RabbitMq__Port="$amqp_port"
        export Messaging__RabbitMq__Username="$user" Messaging__RabbitMq__Password="$password"
      fi
    fi
    exec nohup dotnet "$project/bin/Release/net10.0/$(basename "$project").dll" > "$state/logs/$name.log" 2>&1 < /dev/null
  ) &
  echo $! > "$state/pids/$name.pid"
}

# Waits for a host's /health/ready; gives up if it exits or after the deadline (SECONDS).
await_ready() {
  local name=$1 http=$2 deadline=$3
  until ready "$http"; do
    alive "$state/pids/$name.pid" || { echo "$name exited; see $state/logs/$name.log" >&2; exit 1; }
    [ $SECONDS -lt "$deadline" ] || { echo "$name not ready in time; see $state/logs/$name.log" >&2; exit 1; }
    sleep 1
  done
}

start() {
  mkdir -p "$state/data" "$state/logs" "$state/pids"
  for h in "${hosts[@]}"; do
    read -r name project http grpc <<< "$h"
    alive "$state/pids/$name.pid" && { echo "$name already runs (pid $(cat "$state/pids/$name.pid")); '$0 stop' first." >&2; exit 1; }
    for p in "$http" "$grpc"; do port_open "$p" && { echo "Port $p ($name) is taken by another process." >&2; exit 1; }; done
  done
  start_rabbit
  read -r user password < "$state/rabbitmq/credentials"
  ensure_secrets
  if [ -z "${SKIP_BUILD:-}" ]; then
    for h in "${hosts[@]}"; do read -r _ project _ <<< "$h"; dotnet build "$project" -c Release -nologo -v quiet; done
  fi
  local deadline=$((SECONDS + 120))
  # The identity alone first (it makes its keys on first start), then the others at once.
  read -r name project http _ <<< "${hosts[0]}"
  launch "$name" "$project"
  await_ready "$name" "$http" "$deadline"
  for h in "${hosts[@]:1}"; do
    read -r name project _ <<< "$h"
    launch "$name" "$project"
  done
  for h in "${hosts[@]:1}"; do
    read -r name _ http _ <<< "$h"
    await_ready "$name" "$http" "$deadline"
  done
  status
  echo "Gateway: REST $gateway_url, gRPC ${gateway_grpc#http://}. Web console: $gateway_url/"
  # rc login --role signs with the identity's own key, so --data is the identity's data folder (it holds keys/).
  echo "Token: dotnet run --project tools/RedCross.Cli -- --server http://localhost:8081 --data $state/data/identity login --role province_admin --org 06"
}

status() {
  local down=0
  printf '%-11s %-8s %-8s %-6s %-6s %s\n' HOST PID STATE REST GRPC LOG
  for h in "${hosts[@]}"; do
    read -r name _ http grpc <<< "$h"
    local pid=- st=stopped
    if alive "$state/pids/$name.pid"; then
      pid=$(cat "$state/pids/$name.pid")
      if ready "$http"; then st=ready; else st=up; fi
    fi
    [ "$st" = ready ] || down=1
    printf '%-11s %-8s %-8s %-6s %-6s %s\n' "$name" "$pid" "$st" "$http" "$grpc" "$state/logs/$name.log"
  done
  if [ -d "$state/rabbitmq" ] && node_up; then
    printf '%-11s %-8s %-8s %-6s %-6s %s\n' rabbitmq "$(cat "$state/rabbitmq/rabbit.pid" 2>/dev/null || echo -)" ready "$amqp_port" - "$state/rabbitmq/log"
  else
    printf '%-11s %-8s %-8s %-6s %-6s %s\n' rabbitmq - stopped "$amqp_port" - "$state/rabbitmq/log"; down=1
  fi
  return $down
}

stop() {
  for h in "${hosts[@]}"; do
    read -r name project _ <<< "$h"
    local pidfile="$state/pids/$name.pid"
    [ -f "$pidfile" ] || continue
    local pid; pid=$(cat "$pidfile")
    # Only a pid that still runs this host's dll: a recycled pid belongs to someone else.
    if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q "$(basename "$project").dll"; then
      kill -TERM "$pid"
      local deadline=$((SECONDS + 30))
      while kill -0 "$pid" 2>/dev/null && [ $SECONDS -lt $deadline ]; do sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
      echo "stopped $name (pid $pid)"
    fi
    rm -f "$pidfile"
  done
  if [ -d "$state/rabbitmq" ] && node_up; then
    rabbitmqctl stop >/dev/null && echo "stopped RabbitMQ node $node"
  fi
  if [ -f "$state/rabbitmq/epmd-started-here" ]; then
    # epmd refuses to die while the stopped node is still registered: give it a few seconds to leave.
    local deadline=$((SECONDS + 15))
    until epmd -port "$epmd_port" -kill >/dev/null 2>&1 && ! epmd_up; do
      [ $SECONDS -lt $deadline ] || { echo "epmd on port $epmd_port did not stop" >&2; break; }
      sleep 0.5
    done
    rm -f "$state/rabbitmq/epmd-started-here"
  fi
}

case "${1:-}" in
  start) start ;;
  status) status ;;
  stop) stop ;;
  *) echo "usage: $0 start|status|stop   (state in ${state})" >&2; exit 2 ;;
esac

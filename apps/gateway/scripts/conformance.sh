#!/usr/bin/env bash
# Runs the MCP conformance suite's server scenarios against the built berth-gateway's /mcp,
# checked against conformance-baseline.yml (each expected failure says why). The suite
# needs Node 22: it runs on the local one from scripts/node22.sh, the gateway on this
# repo's Node. The gateway listens on a free loopback port without a token (the suite's
# client sends none) and a state folder of its own. Needs a built apps/gateway.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(cd ../.. && pwd)

[ -f dist/main.js ] || { echo "conformance: build first (pnpm build)" >&2; exit 1; }
node22=$("$repo/scripts/node22.sh")
suite=node_modules/@modelcontextprotocol/conformance/dist/index.js

work=$(mktemp -d)
gateway_pid=
cleanup() {
  [ -n "$gateway_pid" ] && kill "$gateway_pid" 2>/dev/null && wait "$gateway_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

env -i PATH="$PATH" HOME="$work" XDG_STATE_HOME="$work/state" XDG_CONFIG_HOME="$work/config" \
  ${DOCKER_HOST:+DOCKER_HOST="$DOCKER_HOST"} \
  node dist/main.js --listen 127.0.0.1:0 --allow-unauthenticated --audit-log off 2>"$work/gateway.log" &
gateway_pid=$!

url=
for _ in $(seq 1 100); do
  url=$(sed -n 's/.*"url":"\([^"]*\)".*berth-gateway listening.*/\1/p' "$work/gateway.log" | head -1)
  [ -n "$url" ] && break
  kill -0 "$gateway_pid" 2>/dev/null || { cat "$work/gateway.log" >&2; exit 1; }
  sleep 0.1
done
[ -n "$url" ] || { echo "conformance: the gateway did not start" >&2; cat "$work/gateway.log" >&2; exit 1; }

echo "conformance: $("$node22" --version), suite $("$node22" -p "require('./node_modules/@modelcontextprotocol/conformance/package.json').version"), against $url" >&2
"$node22" "$suite" server --url "$url" --expected-failures conformance-baseline.yml -o "$work/results"

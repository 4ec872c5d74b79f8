#!/usr/bin/env bash
# The README's two commands. On a fresh Debian machine with Node 20 and root, this
# installs what berth needs (pnpm, dependencies, a Docker engine), builds, and then:
#   start  runs berth-mcp on stdio (stdout carries only MCP messages), extra args passed on
#   test   runs lint, typecheck and the whole test suite against a real engine
set -euo pipefail
cd "$(dirname "$0")/.."

cmd=${1:-}
[ $# -gt 0 ] && shift
case "$cmd" in
  start | test) ;;
  *) echo "usage: scripts/dev.sh start [berth-mcp flags] | test" >&2; exit 2 ;;
esac

# For start, keep stdout clean for MCP: everything the setup prints goes to stderr.
if [ "$cmd" = start ]; then exec 3>&1 1>&2; fi

step() { printf '\n== %s\n' "$*"; }

pnpm_version=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null || [ "$(pnpm --version)" != "$pnpm_version" ]; then
  step "installing pnpm $pnpm_version"
  npm install --global --no-fund --no-audit "pnpm@$pnpm_version"
fi

step "installing dependencies"
pnpm install --frozen-lockfile --reporter=append-only

step "building"
pnpm build --output-logs=errors-only

if [ "$cmd" = start ]; then
  # berth starts without an engine (tools report it), but set one up when we can.
  node packages/testkit/dist/cli.js engine || echo "berth: no Docker engine yet; tools will say so" >&2
  step "starting berth-mcp on stdio"
  exec 1>&3 3>&-
  exec node apps/server/dist/main.js "$@"
fi

step "preparing the test bed (engine, fixture images, leftovers)"
node packages/testkit/dist/cli.js prepare

step "lint and typecheck"
pnpm lint
pnpm typecheck --output-logs=errors-only

step "MCP Inspector: tools/list --strict against the built berth-mcp"
bash scripts/inspector.sh

step "MCP conformance: server scenarios against the built berth-gateway"
bash apps/gateway/scripts/conformance.sh

step "tests"
rm -rf .test-results
status=0
pnpm test || status=$?
step "checking that the tests left no berth.test resources"
node packages/testkit/dist/cli.js check-clean || status=$?
node scripts/test-summary.mjs .test-results || status=$?
exit "$status"

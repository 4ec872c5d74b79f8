#!/usr/bin/env node
import { homedir } from 'node:os';
import { join } from 'node:path';
import { createMasker } from '@berth/security';
import { createAuditLog } from '@berth/tools';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import { parseCliOptions, USAGE, UsageError } from './cli-options.js';
import { createServer, SERVER_VERSION } from './create-server.js';
import { lazyBackend } from './lazy-backend.js';
import { createLogger } from './logger.js';

// stdout carries MCP messages only; logs and diagnostics go to stderr.
function options() {
  try {
    return parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`berth-mcp: ${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
}

const cli = options();
if (cli.help || cli.version) {
  // Not an MCP session: the answer is the whole output.
  process.stdout.write(cli.help ? USAGE : `berth-mcp ${SERVER_VERSION}\n`);
  process.exit(0);
}

const env = process.env;
const logger = createLogger(cli.logLevel);
const stateDir = join(env.XDG_STATE_HOME || join(homedir(), '.local', 'state'), 'berth');
const auditPath = cli.auditLog === 'off' ? undefined : (cli.auditLog ?? join(stateDir, 'audit.jsonl'));
const masker = createMasker();
const context = {
  backend: lazyBackend({ configPath: cli.configPath, defaultHost: cli.host, env, logger }),
  readOnly: cli.readOnly,
  logger,
  masker,
  audit: createAuditLog({
    path: auditPath,
    mask: (text) => masker.maskText(text),
    onError: (error) => logger.warn({ err: error }, 'audit log write failed'),
  }),
};

serveStdio(() => createServer(context), {
  onerror: (error) => logger.error({ err: error }, 'mcp transport error'),
});
logger.debug({ readOnly: cli.readOnly, auditLog: auditPath ?? 'off' }, 'berth-mcp ready on stdio');

#!/usr/bin/env node
import { BERTH_TOOLS, createToolContext } from '@berth/tools';
import { parseCliOptions, USAGE, UsageError } from './cli-options.js';
import { createServer, SERVER_VERSION } from './create-server.js';
import { createLogger } from './logger.js';
import { serveStdioSession } from './stdio-session.js';

// stdout carries MCP messages only; logs and diagnostics go to stderr.
function usageError(message: string): never {
  process.stderr.write(`berth-mcp: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function options() {
  try {
    return parseCliOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usageError(error.message);
  }
}

const cli = options();
if (cli.help || cli.version) {
  // Not an MCP session: the answer is the whole output.
  process.stdout.write(cli.help ? USAGE : `berth-mcp ${SERVER_VERSION}\n`);
  process.exit(0);
}

const logger = createLogger(cli.logLevel);
let context: ReturnType<typeof createToolContext>;
try {
  context = createToolContext({
    tools: BERTH_TOOLS,
    toolsets: cli.toolsets,
    configPath: cli.configPath,
    trustProject: cli.trustProject,
    defaultHost: cli.host,
    readOnly: cli.readOnly,
    confirm: cli.confirm,
    auditLog: cli.auditLog === 'off' ? false : cli.auditLog,
    env: process.env,
    logger,
  });
} catch (error) {
  usageError((error as Error).message);
}

serveStdioSession(() => createServer(context), { logger, dispose: () => context.dispose() });
logger.debug(
  { readOnly: cli.readOnly, auditLog: context.audit.path ?? 'off', tools: context.tools.map((t) => t.name) },
  'berth-mcp ready on stdio',
);

#!/usr/bin/env node
import { homedir } from 'node:os';
import { serveStdio } from '@modelcontextprotocol/server/stdio';
import pino from 'pino';
import { resolveGatewayToken } from './bearer-token.js';
import { openCatalogBackends } from './catalog-backends.js';
import { parseGatewayOptions, USAGE, UsageError } from './cli-options.js';
import { createGatewayServer, GATEWAY_VERSION } from './create-gateway-server.js';
import { createGatewayParts, startHttpGateway } from './start-gateway.js';

function usageError(message: string): never {
  process.stderr.write(`berth-gateway: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function options() {
  try {
    return parseGatewayOptions(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return usageError(error.message);
  }
}

const cli = options();
if (cli.help || cli.version) {
  process.stdout.write(cli.help ? USAGE : `berth-gateway ${GATEWAY_VERSION}\n`);
  process.exit(0);
}
// JSON logs on stderr, synchronously: stdout is MCP's in stdio mode, and a crash must not lose lines.
const logger = pino({ name: 'berth-gateway', level: cli.logLevel }, pino.destination({ fd: 2, sync: true }));
let parts: ReturnType<typeof createGatewayParts>;
try {
  // The catalog is read before serving (a broken one is a usage error); no server starts.
  const backends = cli.catalog
    ? await openCatalogBackends({
        catalogPath: cli.catalog,
        configPath: cli.configPath,
        trustProject: cli.trustProject,
        env: process.env,
        home: process.env.HOME || homedir(),
        logger,
        ...(Object.keys(cli.labels).length > 0 ? { extraLabels: cli.labels } : {}),
      })
    : undefined;
  parts = createGatewayParts({ cli, logger, env: process.env, ...(backends ? { backends } : {}) });
} catch (error) {
  usageError((error as Error).message);
}

if (cli.stdio) {
  // One local client that started this process: it is who it says it is.
  const session = serveStdio(
    () =>
      createGatewayServer({
        aggregator: parts.aggregator,
        prompts: parts.prompts,
        berth: parts.berth,
        principal: 'stdio',
      }),
    { onerror: (error) => logger.error({ err: error }, 'mcp transport error') },
  );
  const end = async () => {
    await session.close().catch(() => {});
    await parts.dispose().catch(() => {});
    process.exit(0);
  };
  process.stdin.once('end', () => void end());
  process.stdin.once('close', () => void end());
} else {
  let token: string | undefined;
  if (!cli.allowUnauthenticated) {
    let resolved: ReturnType<typeof resolveGatewayToken>;
    try {
      resolved = resolveGatewayToken(process.env);
    } catch (error) {
      usageError((error as Error).message);
    }
    token = resolved.token;
    // Shown once, to whoever started the gateway; never written to the log.
    if (resolved.generated) process.stderr.write(`berth-gateway: generated token (shown once): ${token}\n`);
  }
  const gateway = await startHttpGateway(parts, cli, logger, token).catch((error: unknown) => {
    logger.fatal({ err: error }, 'cannot listen');
    process.exit(1);
  });
  logger.info({ url: gateway.url, authenticated: token !== undefined }, 'berth-gateway listening');
  const stop = (signal: string) => {
    logger.info({ signal }, 'shutting down');
    const late = setTimeout(() => process.exit(0), 5_000);
    late.unref();
    void gateway.close().finally(() => process.exit(0));
  };
  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
}

import { parseArgs } from 'node:util';
import { DEFAULT_LISTEN, isLoopback, type ListenAddress, parseListenAddress } from './listen-address.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The default limit on one request body: far above any MCP message an agent sends. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

export interface GatewayCliOptions {
  listen: ListenAddress;
  /** `--stdio`: serve one client on stdin/stdout instead of HTTP. */
  stdio: boolean;
  allowUnauthenticated: boolean;
  allowedHosts: string[];
  allowedOrigins: string[];
  /** How the audit log names whoever holds the token. */
  principal: string;
  maxBodyBytes: number;
  /** `--catalog`: the other MCP servers to serve. */
  catalog?: string;
  /** `--label k=v`: added to every container and network the gateway starts. */
  labels: Record<string, string>;
  /** Where the merged tool list is cached; `off` keeps none. */
  toolCache?: string;
  configPath?: string;
  trustProject: boolean;
  host?: string;
  readOnly: boolean;
  confirm: boolean;
  toolsets?: string[];
  auditLog?: string;
  logLevel: LogLevel;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: berth-gateway [options]

berth-gateway serves berth's Docker tools, and the tools of other MCP servers, on one
authenticated MCP endpoint: Streamable HTTP on /mcp (2026-07-28 stateless and the 2025
session handshake), the legacy SSE transport on /sse, or stdio.

Options:
  --listen <host:port>      where to listen (default ${DEFAULT_LISTEN.host}:${DEFAULT_LISTEN.port}; port 0 picks one)
  --stdio                   serve one client on stdin/stdout instead of HTTP
  --catalog <file>          the MCP servers to run and serve beside berth's tools (YAML; watched)
  --label <key=value>       add this label to every container the gateway starts (repeatable)
  --allow-unauthenticated   no bearer token (only when listening on loopback)
  --allowed-host <host>     also accept this Host header (repeatable; DNS-rebinding guard)
  --allowed-origin <origin> also accept this browser Origin (repeatable)
  --principal <name>        the token holder's name in the audit log (default: token)
  --max-body <bytes>        largest request body (default ${DEFAULT_MAX_BODY_BYTES})
  --tool-cache <file>       merged tool list cache (default: one per catalog under <state dir>/gateway; "off" for none)
  --config <file>           berth's config file (profiles), as berth-mcp
  --trust-project           trust ./berth.yaml without listing its folder in trustedProjects
  --host <profile>          default host of berth's tools
  --read-only               serve read-only berth tools only
  --no-confirm              data-losing berth actions run without a confirm_token (automation; still audited)
  --tools <sets>            serve only these berth toolsets, comma-separated: docker, hosts, compose, db
  --audit-log <file>        the audit log (default: <state dir>/audit.jsonl; "off" for none)
  --log-level <level>       ${LOG_LEVELS.join('|')} (default: info; JSON logs on stderr)
  --version                 print the version
  --help                    print this help

The token comes from BERTH_GATEWAY_TOKEN; without it one is generated and printed once on stderr.
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      listen: { type: 'string' },
      stdio: { type: 'boolean' },
      catalog: { type: 'string' },
      label: { type: 'string', multiple: true },
      'allow-unauthenticated': { type: 'boolean' },
      'allowed-host': { type: 'string', multiple: true },
      'allowed-origin': { type: 'string', multiple: true },
      principal: { type: 'string' },
      'max-body': { type: 'string' },
      'tool-cache': { type: 'string' },
      config: { type: 'string' },
      'trust-project': { type: 'boolean' },
      host: { type: 'string' },
      'read-only': { type: 'boolean' },
      'no-confirm': { type: 'boolean' },
      tools: { type: 'string' },
      'audit-log': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

/** Parses berth-gateway's flags; a bad value or an unsafe combination is a usage error (exit 2). */
export function parseGatewayOptions(argv: readonly string[]): GatewayCliOptions {
  let values: ReturnType<typeof parse>['values'];
  try {
    values = parse(argv).values;
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const level = values['log-level'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  }
  let listen = DEFAULT_LISTEN;
  try {
    if (values.listen !== undefined) listen = parseListenAddress(values.listen);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const allowUnauthenticated = values['allow-unauthenticated'] === true;
  if (allowUnauthenticated && !values.stdio && !isLoopback(listen.host)) {
    throw new UsageError(
      `--allow-unauthenticated is refused on ${listen.host}: only a loopback address may go without a token`,
    );
  }
  const maxBody = values['max-body'] === undefined ? DEFAULT_MAX_BODY_BYTES : Number(values['max-body']);
  if (!Number.isInteger(maxBody) || maxBody < 1024 || maxBody > 256 * 1024 * 1024) {
    throw new UsageError('--max-body must be a whole number of bytes from 1024 to 268435456');
  }
  const principal = values.principal ?? 'token';
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(principal)) {
    throw new UsageError('--principal is 1-64 letters, digits, ".", "_", "@" or "-"');
  }
  const toolsets = values.tools
    ?.split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (toolsets !== undefined && toolsets.length === 0)
    throw new UsageError('--tools needs at least one toolset name');
  const labels: Record<string, string> = {};
  for (const label of values.label ?? []) {
    const match = /^([A-Za-z0-9][A-Za-z0-9._/-]{0,127})=([^\0\n]{0,512})$/.exec(label);
    if (!match?.[1]) throw new UsageError(`--label wants key=value, not '${label.slice(0, 80)}'`);
    labels[match[1]] = match[2] ?? '';
  }
  return {
    listen,
    labels,
    stdio: values.stdio === true,
    allowUnauthenticated,
    allowedHosts: values['allowed-host'] ?? [],
    allowedOrigins: values['allowed-origin'] ?? [],
    principal,
    maxBodyBytes: maxBody,
    ...(values.catalog !== undefined ? { catalog: values.catalog } : {}),
    ...(values['tool-cache'] !== undefined ? { toolCache: values['tool-cache'] } : {}),
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values['audit-log'] !== undefined ? { auditLog: values['audit-log'] } : {}),
    ...(toolsets !== undefined ? { toolsets } : {}),
    trustProject: values['trust-project'] === true,
    readOnly: values['read-only'] === true,
    confirm: values['no-confirm'] !== true,
    logLevel: level as LogLevel,
    help: values.help === true,
    version: values.version === true,
  };
}

import { type ParseArgsConfig, parseArgs } from 'node:util';
import {
  DEFAULT_MAX_BODY_BYTES,
  flagSyntax,
  GATEWAY_FLAGS,
  LOG_LEVELS,
  type LogLevel,
} from './gateway-flags.js';
import { DEFAULT_LISTEN, isLoopback, type ListenAddress, parseListenAddress } from './listen-address.js';

export { DEFAULT_MAX_BODY_BYTES, LOG_LEVELS, type LogLevel } from './gateway-flags.js';

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
${GATEWAY_FLAGS.map((f) => `  ${flagSyntax(f).padEnd(26)}${f.help}`).join('\n')}

The token comes from BERTH_GATEWAY_TOKEN; without it one is generated and printed once on stderr.
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const PARSE_OPTIONS: NonNullable<ParseArgsConfig['options']> = Object.fromEntries(
  GATEWAY_FLAGS.map((f) => [
    f.name,
    {
      type: f.value ? 'string' : 'boolean',
      ...(f.multiple ? { multiple: true } : {}),
      ...(f.short ? { short: f.short } : {}),
    },
  ]),
);

/** The flags as given: a string flag's value, a repeated flag's values, a switch's true. */
class GivenFlags {
  constructor(private readonly values: Record<string, unknown>) {}
  string(name: string): string | undefined {
    const value = this.values[name];
    return typeof value === 'string' ? value : undefined;
  }
  strings(name: string): string[] {
    const value = this.values[name];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  }
  on(name: string): boolean {
    return this.values[name] === true;
  }
}

function parse(argv: readonly string[]): GivenFlags {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: PARSE_OPTIONS,
  });
  return new GivenFlags(values);
}

/** Parses berth-gateway's flags; a bad value or an unsafe combination is a usage error (exit 2). */
export function parseGatewayOptions(argv: readonly string[]): GatewayCliOptions {
  let given: GivenFlags;
  try {
    given = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const level = given.string('log-level') ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  }
  let listen = DEFAULT_LISTEN;
  try {
    const text = given.string('listen');
    if (text !== undefined) listen = parseListenAddress(text);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const stdio = given.on('stdio');
  const allowUnauthenticated = given.on('allow-unauthenticated');
  if (allowUnauthenticated && !stdio && !isLoopback(listen.host)) {
    throw new UsageError(
      `--allow-unauthenticated is refused on ${listen.host}: only a loopback address may go without a token`,
    );
  }
  const maxBodyText = given.string('max-body');
  const maxBody = maxBodyText === undefined ? DEFAULT_MAX_BODY_BYTES : Number(maxBodyText);
  if (!Number.isInteger(maxBody) || maxBody < 1024 || maxBody > 256 * 1024 * 1024) {
    throw new UsageError('--max-body must be a whole number of bytes from 1024 to 268435456');
  }
  const principal = given.string('principal') ?? 'token';
  if (!/^[A-Za-z0-9._@-]{1,64}$/.test(principal)) {
    throw new UsageError('--principal is 1-64 letters, digits, ".", "_", "@" or "-"');
  }
  const toolsets = given
    .string('tools')
    ?.split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (toolsets !== undefined && toolsets.length === 0)
    throw new UsageError('--tools needs at least one toolset name');
  const labels: Record<string, string> = {};
  for (const label of given.strings('label')) {
    const match = /^([A-Za-z0-9][A-Za-z0-9._/-]{0,127})=([^\0\n]{0,512})$/.exec(label);
    if (!match?.[1]) throw new UsageError(`--label wants key=value, not '${label.slice(0, 80)}'`);
    labels[match[1]] = match[2] ?? '';
  }
  const optional = (key: keyof GatewayCliOptions, flag: string) => {
    const value = given.string(flag);
    return value === undefined ? {} : { [key]: value };
  };
  return {
    listen,
    labels,
    stdio,
    allowUnauthenticated,
    allowedHosts: given.strings('allowed-host'),
    allowedOrigins: given.strings('allowed-origin'),
    principal,
    maxBodyBytes: maxBody,
    ...optional('catalog', 'catalog'),
    ...optional('toolCache', 'tool-cache'),
    ...optional('configPath', 'config'),
    ...optional('host', 'host'),
    ...optional('auditLog', 'audit-log'),
    ...(toolsets !== undefined ? { toolsets } : {}),
    trustProject: given.on('trust-project'),
    readOnly: given.on('read-only'),
    confirm: !given.on('no-confirm'),
    logLevel: level as LogLevel,
    help: given.on('help'),
    version: given.on('version'),
  };
}

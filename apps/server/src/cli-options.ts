import { parseArgs } from 'node:util';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface CliOptions {
  configPath?: string;
  /** `--trust-project`: read ./berth.yaml though the user file does not list its folder. */
  trustProject: boolean;
  /** Profile used when a call names no host. */
  host?: string;
  readOnly: boolean;
  logLevel: LogLevel;
  /** JSON-lines audit log of mutating calls; `off` keeps none. */
  auditLog?: string;
  /** `--tools a,b`: serve only these toolsets (default: all). */
  toolsets?: string[];
  /** False with `--no-confirm`: data-losing actions run without asking (automation). */
  confirm: boolean;
  help: boolean;
  version: boolean;
}

export const USAGE = `Usage: berth-mcp [options]

berth-mcp serves berth's Docker tools over MCP on stdio (stdout carries MCP only).

Options:
  --config <file>      the one config file to read (default: ~/.config/berth/config.yaml, and
                       ./berth.yaml only if trusted; a project file may only tighten)
  --trust-project      trust ./berth.yaml without listing its folder in trustedProjects
  --host <profile>     default host for calls that name none
  --read-only          expose and allow read-only tools only
  --log-level <level>  ${LOG_LEVELS.join('|')} (default: info; logs go to stderr)
  --audit-log <file>   where mutating calls are recorded (default: ~/.local/state/berth/audit.jsonl; "off" for none)
  --tools <sets>       serve only these toolsets, comma-separated: docker, hosts, compose, db (default: all)
  --no-confirm         run data-losing actions without asking or a confirm_token (automation; still audited)
  --version            print the version
  --help               print this help
`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Parses berth-mcp's flags; unknown flags and bad values are usage errors (exit 2). */
export function parseCliOptions(argv: readonly string[]): CliOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  const level = values['log-level'] ?? 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level)) {
    throw new UsageError(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  }
  return {
    ...(values.config !== undefined ? { configPath: values.config } : {}),
    ...(values.host !== undefined ? { host: values.host } : {}),
    ...(values['audit-log'] !== undefined ? { auditLog: values['audit-log'] } : {}),
    ...(values.tools !== undefined ? { toolsets: splitList(values.tools) } : {}),
    trustProject: values['trust-project'] ?? false,
    readOnly: values['read-only'] ?? false,
    confirm: values['no-confirm'] !== true,
    logLevel: level as LogLevel,
    help: values.help ?? false,
    version: values.version ?? false,
  };
}

function splitList(value: string): string[] {
  const names = value
    .split(',')
    .map((n) => n.trim())
    .filter((n) => n.length > 0);
  if (names.length === 0) throw new UsageError('--tools needs at least one toolset name');
  return names;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      config: { type: 'string' },
      'trust-project': { type: 'boolean' },
      host: { type: 'string' },
      'read-only': { type: 'boolean' },
      'log-level': { type: 'string' },
      'audit-log': { type: 'string' },
      tools: { type: 'string' },
      'no-confirm': { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
}

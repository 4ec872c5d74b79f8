import { DEFAULT_LISTEN } from './listen-address.js';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The default limit on one request body: far above any MCP message an agent sends. */
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * One berth-gateway flag: how it parses and how help shows it. The one list of the
 * gateway's flags, read by its own parser and usage text and by `berth gateway`, which
 * passes them on.
 */
export interface GatewayFlag {
  /** Without the dashes: `allowed-host`. */
  name: string;
  /** The value's placeholder for a flag that takes one (`host:port`); none for a switch. */
  value?: string;
  /** Given more than once, every value counts. */
  multiple?: boolean;
  short?: string;
  /** Also a global flag of the berth CLI (and of berth-mcp), given before the command there. */
  global?: boolean;
  help: string;
}

export const GATEWAY_FLAGS: readonly GatewayFlag[] = [
  {
    name: 'listen',
    value: 'host:port',
    help: `where to listen (default ${DEFAULT_LISTEN.host}:${DEFAULT_LISTEN.port}; port 0 picks one)`,
  },
  { name: 'stdio', help: 'serve one client on stdin/stdout instead of HTTP' },
  {
    name: 'catalog',
    value: 'file',
    help: "the MCP servers to run and serve beside berth's tools (YAML; watched)",
  },
  {
    name: 'label',
    value: 'key=value',
    multiple: true,
    help: 'add this label to every container the gateway starts (repeatable)',
  },
  { name: 'allow-unauthenticated', help: 'no bearer token (only when listening on loopback)' },
  {
    name: 'allowed-host',
    value: 'host',
    multiple: true,
    help: 'also accept this Host header (repeatable; DNS-rebinding guard)',
  },
  {
    name: 'allowed-origin',
    value: 'origin',
    multiple: true,
    help: 'also accept this browser Origin (repeatable)',
  },
  { name: 'principal', value: 'name', help: "the token holder's name in the audit log (default: token)" },
  { name: 'max-body', value: 'bytes', help: `largest request body (default ${DEFAULT_MAX_BODY_BYTES})` },
  {
    name: 'tool-cache',
    value: 'file',
    help: 'merged tool list cache (default: one per catalog under <state dir>/gateway; "off" for none)',
  },
  { name: 'config', value: 'file', global: true, help: "berth's config file (profiles), as berth-mcp" },
  {
    name: 'trust-project',
    global: true,
    help: 'trust ./berth.yaml without listing its folder in trustedProjects',
  },
  { name: 'host', value: 'profile', global: true, help: "default host of berth's tools" },
  { name: 'read-only', help: 'serve read-only berth tools only' },
  {
    name: 'no-confirm',
    help: 'data-losing berth actions run without a confirm_token (automation; still audited)',
  },
  {
    name: 'tools',
    value: 'sets',
    help: 'serve only these berth toolsets, comma-separated: docker, hosts, compose, db',
  },
  {
    name: 'audit-log',
    value: 'file',
    global: true,
    help: 'the audit log (default: <state dir>/audit.jsonl; "off" for none)',
  },
  {
    name: 'log-level',
    value: 'level',
    help: `${LOG_LEVELS.join('|')} (default: info; JSON logs on stderr)`,
  },
  { name: 'version', short: 'v', global: true, help: 'print the version' },
  { name: 'help', short: 'h', global: true, help: 'print this help' },
];

/** `--name <value>` as help shows it. */
export function flagSyntax(flag: GatewayFlag): string {
  return `--${flag.name}${flag.value ? ` <${flag.value}>` : ''}`;
}

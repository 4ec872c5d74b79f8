import type { CommandSpec, OptionSpec } from '../command-spec.js';

/** berth-gateway's own flags, passed on as given (`--label`, `--allowed-*` repeat). */
const FLAGS: (OptionSpec & { pass: string; key: string })[] = [
  { flags: '--listen <host:port>', description: 'where to listen (127.0.0.1:8811; port 0 picks one)' },
  { flags: '--stdio', description: 'serve one client on stdin/stdout instead of HTTP' },
  { flags: '--catalog <file>', description: "the MCP servers to run beside berth's tools (YAML; watched)" },
  { flags: '--label <key=value...>', description: 'a label on every container the gateway starts' },
  { flags: '--allow-unauthenticated', description: 'no bearer token (loopback only)' },
  { flags: '--allowed-host <host...>', description: 'also accept this Host header' },
  { flags: '--allowed-origin <origin...>', description: 'also accept this browser Origin' },
  { flags: '--principal <name>', description: "the token holder's name in the audit log (token)" },
  { flags: '--max-body <bytes>', description: 'largest request body (4 MiB)' },
  { flags: '--tool-cache <file>', description: 'the merged tool list cache; off for none' },
  { flags: '--read-only', description: 'serve read-only berth tools only' },
  { flags: '--tools <sets>', description: 'only these berth toolsets, comma-separated' },
  { flags: '--no-confirm', description: 'data-losing actions run unasked (automation; audited)' },
  { flags: '--log-level <level>', description: 'fatal|error|warn|info|debug|trace|silent (info)' },
].map((o) => {
  const pass = (/--[a-z-]+/.exec(o.flags) as RegExpExecArray)[0];
  const name = pass.replace(/^--(no-)?/, '');
  return { ...o, pass, key: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()) };
});

/** The gateway's argv rebuilt from commander's parse of the same flags. */
function gatewayArgv(options: Record<string, unknown>): string[] {
  return FLAGS.flatMap(({ pass, key }) => {
    const value = options[key];
    if (pass.startsWith('--no-')) return value === false ? [pass] : [];
    if (value === true) return [pass];
    if (typeof value === 'string') return [pass, value];
    if (Array.isArray(value)) return value.flatMap((v) => [pass, String(v)]);
    return [];
  });
}

/**
 * `gateway`: berth-gateway, the authenticated HTTP MCP endpoint, in this process, as `mcp`
 * runs berth-mcp. Its built entry is imported only here, so no other command (nor
 * `--version`) loads it.
 */
export const gatewayCommand: CommandSpec = {
  path: ['gateway'],
  summary: "serve berth's tools (and a catalog's MCP servers) over authenticated HTTP (berth-gateway)",
  kind: 'local',
  options: FLAGS.map(({ pass: _p, key: _k, ...o }) => o),
  examples: [
    'BERTH_GATEWAY_TOKEN=$(openssl rand -base64 32) berth gateway --catalog servers.yaml',
    'berth gateway --listen 127.0.0.1:0 --allow-unauthenticated',
  ],
  run: async ({ options }, session) => {
    const { config, trustProject, host, auditLog } = session.globals;
    const argv = [
      ...(config ? ['--config', config] : []),
      ...(trustProject ? ['--trust-project'] : []),
      ...(host ? ['--host', host] : []),
      ...(auditLog ? ['--audit-log', auditLog] : []),
      ...gatewayArgv(options),
    ];
    process.argv = [process.argv[0] as string, 'berth-gateway', ...argv];
    await import('@berth/gateway/main');
    // The gateway owns the process from here: it exits on SIGTERM or SIGINT.
    return new Promise<number>(() => {});
  },
};

import { GATEWAY_FLAGS } from '@berth/gateway/flags';
import type { CommandSpec, OptionSpec } from '../command-spec.js';

/**
 * berth-gateway's own flags from its one list, passed on as given (`--label`, `--allowed-*`
 * repeat). Those the berth CLI has as global flags (`--config`, `--host`, ...) are given
 * before the command and passed on from there.
 */
const FLAGS: (OptionSpec & { pass: string; key: string })[] = GATEWAY_FLAGS.filter((f) => !f.global).map(
  (f) => {
    const pass = `--${f.name}`;
    const name = f.name.replace(/^no-/, '');
    return {
      flags: f.value ? `${pass} <${f.value}${f.multiple ? '...' : ''}>` : pass,
      description: f.help,
      pass,
      key: name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
    };
  },
);

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

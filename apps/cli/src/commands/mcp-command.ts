import type { CommandSpec } from '../command-spec.js';

/**
 * `mcp`: berth-mcp, the stdio MCP server, in this process. Its built entry is imported only
 * here (its own flags rebuilt from the CLI's), so other commands never load it.
 */
export const mcpCommand: CommandSpec = {
  path: ['mcp'],
  summary: "serve berth's tools over MCP on stdio (berth-mcp)",
  kind: 'local',
  options: [
    { flags: '--read-only', description: 'serve read-only tools only' },
    { flags: '--tools <sets>', description: 'only these toolsets, comma-separated' },
    { flags: '--no-confirm', description: 'data-losing actions run unasked (automation; audited)' },
    { flags: '--log-level <level>', description: 'fatal|error|warn|info|debug|trace|silent (info)' },
  ],
  examples: ['claude mcp add berth -- berth mcp'],
  run: async ({ options }, session) => {
    const { config, trustProject, host, auditLog } = session.globals;
    const argv = [
      ...(config ? ['--config', config] : []),
      ...(trustProject ? ['--trust-project'] : []),
      ...(host ? ['--host', host] : []),
      ...(auditLog ? ['--audit-log', auditLog] : []),
      ...(options.readOnly ? ['--read-only'] : []),
      ...(typeof options.tools === 'string' ? ['--tools', options.tools] : []),
      ...(options.confirm === false ? ['--no-confirm'] : []),
      ...(typeof options.logLevel === 'string' ? ['--log-level', options.logLevel] : []),
    ];
    process.argv = [process.argv[0] as string, 'berth-mcp', ...argv];
    await import('@berth/server/main');
    // The server owns the process from here: it exits when stdin ends.
    return new Promise<number>(() => {});
  },
};

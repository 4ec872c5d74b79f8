/** Who made a call, as the audit log records it. */
export interface Caller {
  /** The app the call came through. */
  via: 'mcp' | 'gateway' | 'cli' | 'library';
  /** The MCP client's name, the gateway session's user, or the CLI's OS user. */
  name: string;
  /** The gateway or MCP session, where there is one. */
  session?: string;
}

export const LIBRARY_CALLER: Caller = { via: 'library', name: 'library' };

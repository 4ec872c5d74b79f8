// The berth-mcp entry: running it serves MCP on stdio; it exports nothing.
declare module '@berth/server/main';
// The berth-gateway entry: running it serves the gateway; it exports nothing.
declare module '@berth/gateway/main';

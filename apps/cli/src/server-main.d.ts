// The berth-mcp entry: running it serves MCP on stdio; it exports nothing.
declare module '@berth/server/main';

// Public API of @berth/server (the berth-mcp app).
export { type CliOptions, parseCliOptions, USAGE, UsageError } from './cli-options.js';
export { createServer, SERVER_NAME, SERVER_VERSION } from './create-server.js';

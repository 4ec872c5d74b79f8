// Public API of @berth/server (the berth-mcp app).
export { createServer, SERVER_NAME, SERVER_VERSION } from './create-server.js';

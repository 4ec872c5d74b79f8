// Public API of @berth/tools: the tool core (context, runner, catalog; the `core` entry
// alone) and, beside it, every tool's spec at once and the MCP binding (tools, resources,
// prompts, elicitation).
export { BERTH_TOOLS } from './berth-tools.js';
export * from './core.js';
export { clientCanElicit, elicitConfirm } from './mcp/elicit-confirm.js';
export { mcpCaller } from './mcp/mcp-caller.js';
export { registerTools } from './mcp/register-tools.js';
export { registerPrompts } from './prompts/register-prompts.js';
export { registerResources } from './resources/register-resources.js';

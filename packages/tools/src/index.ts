// Public API of @berth/tools: the tool core (context, runner, tools by toolset) and, apart
// from it, the MCP binding (tools, resources, prompts, elicitation).
export { BERTH_TOOLS } from './berth-tools.js';
export {
  type AuditEntry,
  type AuditLog,
  type AuditLogOptions,
  createAuditLog,
} from './framework/audit-log.js';
export { type Caller, LIBRARY_CALLER } from './framework/caller.js';
export { closestNames, didYouMean } from './framework/closest-names.js';
export type { ConfirmAnswer, ConfirmFn, ConfirmRequest } from './framework/confirm-plan.js';
export { type ConfirmTokens, createConfirmTokens } from './framework/confirm-tokens.js';
export { createToolContext, type ToolContextOptions } from './framework/create-tool-context.js';
export { defineTool, describeTool } from './framework/define-tool.js';
export { type Effect, hintsFor, type ToolHints } from './framework/effects.js';
export { type ErrorLine, errorLine } from './framework/error-message.js';
export type { HostCall } from './framework/host-call.js';
export type { HostDirectory } from './framework/host-directory.js';
export type { HostConfigStore, HostSummary } from './framework/host-summary.js';
export { type RunToolOptions, runTool, type ToolResult } from './framework/runner.js';
export { DEFAULT_LIMITS, type Limits, pageParams } from './framework/shape-rows.js';
export type { ToolContext } from './framework/tool-context.js';
export { ToolError, type ToolErrorCode } from './framework/tool-error.js';
export { listingBytes, type ToolListing, toolListing } from './framework/tool-listing.js';
export { type Row, renderText, type ToolOutput } from './framework/tool-output.js';
export {
  type ActionSpec,
  action,
  type Plan,
  type RowKey,
  type ToolEntry,
  type ToolSpec,
} from './framework/tool-spec.js';
export { readsOnly, selectTools, toolsetNames } from './framework/toolsets.js';
export { clientCanElicit, elicitConfirm } from './mcp/elicit-confirm.js';
export { mcpCaller } from './mcp/mcp-caller.js';
export { registerTools } from './mcp/register-tools.js';
export { registerPrompts } from './prompts/register-prompts.js';
export { registerResources } from './resources/register-resources.js';
export { BERTH_TOOL_CATALOG } from './tool-catalog.js';
export { toolsTable } from './tools-table.js';

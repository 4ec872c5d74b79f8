// Public API of @berth/tools: the MCP tool surface every berth app serves.
export { BERTH_TOOLS, registerBerthTools } from './berth-tools.js';
export { annotationsFor, type SafetyClass, type SafetyOptions } from './framework/annotations.js';
export {
  type AuditEntry,
  type AuditLog,
  type AuditLogOptions,
  createAuditLog,
} from './framework/audit-log.js';
export { closestNames } from './framework/closest-names.js';
export { type ErrorLine, errorLine } from './framework/error-message.js';
export { exposedTools, registerTools } from './framework/register-tools.js';
export { DEFAULT_LIMITS, type Limits, pageParams, shapeRows } from './framework/shape-rows.js';
export type { HostLease, HostSummary, ToolBackend } from './framework/tool-backend.js';
export type { ToolContext } from './framework/tool-context.js';
export { ToolError, type ToolErrorCode } from './framework/tool-error.js';
export { type Row, renderText, type ToolOutput } from './framework/tool-output.js';
export { type ActionSpec, action, defineTool, type HostCall, type ToolSpec } from './framework/tool-spec.js';
export { registerBerthPrompts, registerPrompts } from './prompts/register-prompts.js';
export { registerBerthResources } from './resources/register-resources.js';
export { toolsTable } from './tools-table.js';

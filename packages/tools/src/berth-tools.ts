import type { McpServer } from '@modelcontextprotocol/server';
import { registerTools } from './framework/register-tools.js';
import type { ToolContext } from './framework/tool-context.js';
import type { ToolSpec } from './framework/tool-spec.js';
import { containerOpsTool } from './tools/container-ops.js';
import { hostConfigTool } from './tools/host-config.js';
import { imagePullTool } from './tools/image-pull.js';
import { removeTool } from './tools/remove.js';
import { resourceOpsTool } from './tools/resource-ops.js';
import { resourcesTool } from './tools/resources.js';
import { systemTool } from './tools/system.js';

/** Every berth tool, in tools/list order: reads first, then by how much they change. */
export const BERTH_TOOLS: readonly ToolSpec[] = [
  systemTool,
  resourcesTool,
  containerOpsTool,
  hostConfigTool,
  imagePullTool,
  resourceOpsTool,
  removeTool,
];

/** Registers berth's tools on a server; `context.readOnly` leaves out every mutating tool. */
export function registerBerthTools(server: McpServer, context: ToolContext): void {
  registerTools(server, BERTH_TOOLS, context);
}

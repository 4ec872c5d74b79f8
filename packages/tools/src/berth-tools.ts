import type { ToolSpec } from './framework/tool-spec.js';
import { containerOpsTool } from './tools/container-ops.js';
import { createTool } from './tools/create.js';
import { hostConfigTool } from './tools/host-config.js';
import { readTool } from './tools/read.js';
import { removeTool } from './tools/remove.js';

/**
 * Every berth tool, in tools/list order: reads first, then by how much they change.
 * Toolsets: `docker` (engines and what they hold), `hosts` (berth's host profiles).
 */
export const BERTH_TOOLS: readonly ToolSpec[] = [
  readTool,
  createTool,
  containerOpsTool,
  removeTool,
  hostConfigTool,
];

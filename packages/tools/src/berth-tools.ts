import type { ToolSpec } from './framework/tool-spec.js';
import { composeOpsTool } from './tools/compose-ops.js';
import { composeReadTool } from './tools/compose-read.js';
import { composeRemoveTool } from './tools/compose-remove.js';
import { containerOpsTool } from './tools/container-ops.js';
import { createTool } from './tools/create.js';
import { dbAdminTool } from './tools/db-admin.js';
import { dbReadTool } from './tools/db-read.js';
import { hostConfigTool } from './tools/host-config.js';
import { readTool } from './tools/read.js';
import { removeTool } from './tools/remove.js';

/**
 * Every berth tool, in tools/list order: reads first, then by how much they change.
 * Toolsets: `docker` (engines and what they hold), `hosts` (berth's host profiles),
 * `compose` (compose stacks), `db` (databases in containers).
 */
export const BERTH_TOOLS: readonly ToolSpec[] = [
  readTool,
  createTool,
  containerOpsTool,
  removeTool,
  hostConfigTool,
  composeReadTool,
  composeOpsTool,
  composeRemoveTool,
  dbReadTool,
  dbAdminTool,
];

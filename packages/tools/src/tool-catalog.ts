import type { ToolEntry } from './framework/tool-spec.js';

/**
 * BERTH_TOOLS as entries: the same tools in the same order, each module imported on its
 * tool's first call. A context built from it builds the zod schemas of the tools it runs
 * only, where BERTH_TOOLS builds every tool's at import. A test checks the two agree.
 */
export const BERTH_TOOL_CATALOG: readonly ToolEntry[] = [
  {
    name: 'read',
    toolset: 'docker',
    readsOnly: true,
    load: async () => (await import('./tools/read.js')).readTool,
  },
  {
    name: 'create',
    toolset: 'docker',
    readsOnly: false,
    load: async () => (await import('./tools/create.js')).createTool,
  },
  {
    name: 'container_ops',
    toolset: 'docker',
    readsOnly: false,
    load: async () => (await import('./tools/container-ops.js')).containerOpsTool,
  },
  {
    name: 'remove',
    toolset: 'docker',
    readsOnly: false,
    load: async () => (await import('./tools/remove.js')).removeTool,
  },
  {
    name: 'host_config',
    toolset: 'hosts',
    readsOnly: false,
    load: async () => (await import('./tools/host-config.js')).hostConfigTool,
  },
  {
    name: 'compose_read',
    toolset: 'compose',
    readsOnly: true,
    load: async () => (await import('./tools/compose-read.js')).composeReadTool,
  },
  {
    name: 'compose_ops',
    toolset: 'compose',
    readsOnly: false,
    load: async () => (await import('./tools/compose-ops.js')).composeOpsTool,
  },
  {
    name: 'compose_remove',
    toolset: 'compose',
    readsOnly: false,
    load: async () => (await import('./tools/compose-remove.js')).composeRemoveTool,
  },
  {
    name: 'db_read',
    toolset: 'db',
    readsOnly: true,
    load: async () => (await import('./tools/db-read.js')).dbReadTool,
  },
  {
    name: 'db_admin',
    toolset: 'db',
    readsOnly: false,
    load: async () => (await import('./tools/db-admin.js')).dbAdminTool,
  },
];

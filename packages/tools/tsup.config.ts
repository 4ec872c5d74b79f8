import { berthTsup } from '../../tsup.base.ts';

// Two entries, one copy of the code: `core` (no MCP binding) and the full entry share
// their chunks, so a ToolError from one is a ToolError to the other.
export default berthTsup({ entry: ['src/index.ts', 'src/core.ts'], splitting: true });

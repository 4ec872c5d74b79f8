import { ToolError } from './tool-error.js';
import type { ToolEntry, ToolSpec } from './tool-spec.js';

/** Whether a tool only reads: its actions' effects, or what its catalog entry says. */
export function readsOnly(tool: ToolSpec | ToolEntry): boolean {
  return 'actions' in tool ? Object.values(tool.actions).every((a) => a.effect === 'read') : tool.readsOnly;
}

/** The tools an app serves: the asked toolsets (all by default), and only reads in read-only mode. */
export function selectTools<T extends ToolSpec | ToolEntry>(
  all: readonly T[],
  options: { readOnly?: boolean; toolsets?: readonly string[] | undefined } = {},
): T[] {
  const known = [...new Set(all.map((t) => t.toolset))];
  const wanted = options.toolsets;
  const unknown = wanted?.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new ToolError('INVALID', `Unknown toolset '${unknown}'; toolsets: ${known.join(', ')}`);
  }
  return all.filter(
    (tool) =>
      (wanted === undefined || wanted.includes(tool.toolset)) && (!options.readOnly || readsOnly(tool)),
  );
}

/** Every toolset name, in the order tools are listed. */
export function toolsetNames(all: readonly (ToolSpec | ToolEntry)[]): string[] {
  return [...new Set(all.map((t) => t.toolset))];
}

import { ToolError } from './tool-error.js';
import type { ToolSpec } from './tool-spec.js';

/** The tools an app serves: the asked toolsets (all by default), and only reads in read-only mode. */
export function selectTools(
  all: readonly ToolSpec[],
  options: { readOnly?: boolean; toolsets?: readonly string[] | undefined } = {},
): ToolSpec[] {
  const known = [...new Set(all.map((t) => t.toolset))];
  const wanted = options.toolsets;
  const unknown = wanted?.find((name) => !known.includes(name));
  if (unknown !== undefined) {
    throw new ToolError('INVALID', `Unknown toolset '${unknown}'; toolsets: ${known.join(', ')}`);
  }
  return all.filter(
    (tool) =>
      (wanted === undefined || wanted.includes(tool.toolset)) &&
      (!options.readOnly || Object.values(tool.actions).every((a) => a.effect === 'read')),
  );
}

/** Every toolset name, in the order tools are listed. */
export function toolsetNames(all: readonly ToolSpec[]): string[] {
  return [...new Set(all.map((t) => t.toolset))];
}

import type { ToolSpec } from '../framework/tool-spec.js';

const reads = (spec: ToolSpec) => Object.values(spec.actions).every((a) => a.effect === 'read');
const has = (spec: ToolSpec, names: readonly string[]) => names.every((a) => Object.hasOwn(spec.actions, a));

/**
 * Names tool calls in prompt text from the tools this server really serves, so a prompt
 * never sends the agent to a tool that is not there (read-only mode, a toolset left out,
 * a renamed tool).
 */
export class ToolRefs {
  constructor(private readonly specs: readonly ToolSpec[]) {}

  /**
   * `tool` action `name` from a read tool that also has every action of `alongWith` (so
   * `info` beside `logs` is the containers' info, not the engine's), or undefined when no
   * served tool fits.
   */
  call(actionName: string, alongWith: readonly string[] = []): string | undefined {
    const spec = this.specs.find((s) => reads(s) && has(s, [actionName, ...alongWith]));
    return spec ? `\`${spec.name}\` action \`${actionName}\`` : undefined;
  }

  /** The served mutating tool that has all these actions (e.g. the cleanup levels), if any. */
  mutatingWith(actionNames: readonly string[]): ToolSpec | undefined {
    return this.specs.find((s) => !reads(s) && has(s, actionNames));
  }
}

/** Numbered steps, leaving out those whose tool is missing. */
export function steps(lines: readonly (string | undefined | false)[]): string {
  return lines
    .filter((line): line is string => typeof line === 'string')
    .map((line, i) => `${i + 1}. ${line}`)
    .join('\n');
}

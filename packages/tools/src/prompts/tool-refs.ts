import type { ToolSpec } from '../framework/tool-spec.js';

/**
 * Names tool calls in prompt text from the tools this server really exposes, so a prompt
 * never sends the agent to a tool that is not there (read-only mode, a renamed tool).
 */
export class ToolRefs {
  constructor(private readonly specs: readonly ToolSpec[]) {}

  /**
   * `tool` action `name` from a tool of that safety class (read by default) that also has
   * every action of `alongWith` (so `info` beside `logs` is the containers' info, not the
   * engine's), or undefined when no exposed tool fits.
   */
  call(
    actionName: string,
    alongWith: readonly string[] = [],
    safety: ToolSpec['safety'] = 'read',
  ): string | undefined {
    const spec = this.specs.find(
      (s) => s.safety === safety && [actionName, ...alongWith].every((a) => Object.hasOwn(s.actions, a)),
    );
    return spec ? `\`${spec.name}\` action \`${actionName}\`` : undefined;
  }

  /** The destructive tool that has all these actions (e.g. the cleanup levels), if exposed. */
  destructiveWith(actionNames: readonly string[]): ToolSpec | undefined {
    return this.specs.find(
      (s) => s.safety === 'destructive' && actionNames.every((a) => Object.hasOwn(s.actions, a)),
    );
  }
}

/** Numbered steps, leaving out those whose tool is missing. */
export function steps(lines: readonly (string | undefined | false)[]): string {
  return lines
    .filter((line): line is string => typeof line === 'string')
    .map((line, i) => `${i + 1}. ${line}`)
    .join('\n');
}

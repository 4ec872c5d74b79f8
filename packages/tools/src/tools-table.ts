import { hintsFor } from './framework/effects.js';
import type { ToolSpec } from './framework/tool-spec.js';

function hints(spec: ToolSpec): string {
  const a = hintsFor(Object.values(spec.actions));
  const on = [
    a.readOnlyHint && 'read-only',
    a.destructiveHint && 'destructive',
    a.idempotentHint && 'idempotent',
    a.openWorldHint && 'open-world',
  ].filter(Boolean);
  return on.length > 0 ? on.join(', ') : 'changes state';
}

/** The README table of tools and actions, generated from the specs (a test fails on drift). */
export function toolsTable(specs: readonly ToolSpec[]): string {
  const lines = ['| tool | toolset | hints | action | what it does |', '|---|---|---|---|---|'];
  for (const spec of specs) {
    let first = true;
    for (const [name, action] of Object.entries(spec.actions)) {
      const head = first ? `| \`${spec.name}\` | ${spec.toolset} | ${hints(spec)} ` : '| | | ';
      lines.push(`${head}| \`${name}\` | ${action.summary} |`);
      first = false;
    }
  }
  return lines.join('\n');
}

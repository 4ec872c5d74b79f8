import { paramJson } from './input-schema.js';
import { sameField } from './same-schema.js';
import type { ToolSpec } from './tool-spec.js';

const FRAMEWORK_PARAMS = new Set(['action', 'host', 'dry_run', 'confirm_token']);

/**
 * Declares a grouped tool and checks, at definition time, what would otherwise mislead an
 * agent: read and mutating actions mixed (hints could not be true), a data-losing action
 * without a plan, and one parameter name meaning two things in two actions.
 */
export function defineTool(spec: ToolSpec): ToolSpec {
  const actions = Object.entries(spec.actions);
  if (actions.length === 0) throw new Error(`${spec.name}: a tool needs actions`);
  const reads = actions.filter(([, a]) => a.effect === 'read').length;
  if (reads > 0 && reads < actions.length) {
    throw new Error(`${spec.name}: read and mutating actions belong in separate tools`);
  }
  // A param's JSON Schema is made only when its name comes back with a zod object built
  // differently: the same object, or one built alike, means the same thing, and making
  // schemas for every param of every tool at load costs each start of an app.
  const seen = new Map<string, { action: string; schema: unknown }>();
  for (const [name, a] of actions) {
    if (a.effect === 'lose' && !a.plan) throw new Error(`${spec.name}.${name}: a lose action needs plan()`);
    for (const [param, schema] of Object.entries(a.params.shape)) {
      if (FRAMEWORK_PARAMS.has(param)) throw new Error(`${spec.name}.${name}: '${param}' is reserved`);
      const first = seen.get(param);
      if (!first) {
        seen.set(param, { action: name, schema });
        continue;
      }
      if (sameField(first.schema, schema)) continue;
      const [before, json] = [JSON.stringify(paramJson(first.schema)), JSON.stringify(paramJson(schema))];
      if (before !== json) {
        throw new Error(
          `${spec.name}: param '${param}' means two things (${first.action}: ${before}; ${name}: ${json}); give one a different name`,
        );
      }
    }
  }
  return spec;
}

/** The description agents read: the intro, then one line per action. */
export function describeTool(spec: ToolSpec): string {
  const lines = Object.entries(spec.actions).map(([name, a]) => `${name}: ${a.summary}`);
  return [spec.intro, ...lines].join('\n');
}

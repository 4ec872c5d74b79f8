import { type ToolShape, toolShape } from './fuzz-call-arbitrary.test-support.js';
import type { FuzzLanes } from './fuzz-lanes.test-support.js';
import type { PropertySchema } from './fuzz-values.test-support.js';

const PROBE_KEY = 'zz_fuzz_probe';

/**
 * Every served tool's shape, from the built bin's tools/list. Which params an action takes
 * is asked of the server itself: a call with an unknown key answers "… (it takes: a, b)",
 * so most generated calls use params that apply. An action whose answer says nothing
 * about it takes every advertised property.
 */
export async function toolShapes(lanes: FuzzLanes, laneOf: (tool: string) => number): Promise<ToolShape[]> {
  const shapes: ToolShape[] = [];
  for (const tool of await lanes.tools()) {
    const schema = tool.inputSchema as { properties?: Record<string, PropertySchema> };
    const actions = schema.properties?.action?.enum ?? [];
    const takes = new Map<string, string[]>();
    for (const action of actions) {
      const outcome = await lanes.call(laneOf(tool.name), tool.name, { action, [PROBE_KEY]: 1 });
      const text = outcome.kind === 'result' ? outcome.text : '';
      if (/it takes no params/.test(text)) takes.set(action, []);
      const list = /\(it takes: ([^)]*)\)/.exec(text)?.[1];
      if (list)
        takes.set(
          action,
          list.split(',').map((p) => p.trim()),
        );
    }
    shapes.push(toolShape(tool.name, schema, (action) => takes.get(action)));
  }
  return shapes;
}

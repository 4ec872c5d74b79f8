import fc from 'fast-check';
import type { FuzzCanaries } from './fuzz-payloads.test-support.js';
import {
  type PropertyValues,
  propertyValues,
  type ReachValues,
} from './fuzz-property-values.test-support.js';
import {
  oddText,
  type PropertySchema,
  pollution,
  SPECIAL_KEYS,
  withOwnKeys,
} from './fuzz-values.test-support.js';

/** One tool as tools/list advertises it, with the params each action takes. */
export interface ToolShape {
  name: string;
  actions: string[];
  properties: Record<string, PropertySchema>;
  /** Per action, the params it takes (the rest get "does not apply"). */
  takes: Record<string, string[]>;
}

export interface FuzzCall {
  tool: string;
  args: Record<string, unknown> | undefined;
}

/** The shape of a tools/list entry: properties and the `action` enum of its inputSchema. */
export function toolShape(
  name: string,
  inputSchema: { properties?: Record<string, PropertySchema> },
  takes: (action: string) => string[] | undefined,
): ToolShape {
  const properties = { ...(inputSchema.properties ?? {}) };
  const actions = properties.action?.enum ?? [];
  delete properties.action;
  const all = Object.keys(properties);
  return {
    name,
    actions,
    properties,
    takes: Object.fromEntries(
      actions.map((a) => [a, (takes(a) ?? all).filter((p) => Object.hasOwn(properties, p))]),
    ),
  };
}

/** The `action` value: mostly the action, sometimes bent. */
function actionValue(action: string, all: string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 30, arbitrary: fc.constant(action) },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom(
          action.toUpperCase(),
          ` ${action}`,
          `${action}\u0000`,
          [action],
          ...all.map((a) => `${a}s`),
        ),
        fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', ''),
        oddText,
        fc.integer(),
        fc.constant(null),
      ),
    },
  );
}

type Entry = readonly [string, unknown];

/**
 * Calls of one action in three mixes, so that many reach the engine and every check
 * still sees bent input: all params valid; all valid but one bent; each param valid,
 * near-valid or hostile, maybe with a param of another action or an odd key.
 */
function actionArbitrary(
  shape: ToolShape,
  action: string,
  values: Map<string, PropertyValues>,
  canaries: FuzzCanaries,
): fc.Arbitrary<FuzzCall> {
  const own = shape.takes[action] ?? [];
  const others = Object.keys(shape.properties).filter((p) => !own.includes(p));
  const of = (n: string, mix: keyof PropertyValues): fc.Arbitrary<unknown> =>
    values.get(n)?.[mix] ?? fc.constant(undefined);
  const record = (mix: keyof PropertyValues, all: boolean) =>
    fc.record(Object.fromEntries(own.map((n) => [n, of(n, mix)])), { requiredKeys: all ? own : [] });
  const oneBent: fc.Arbitrary<Entry[]> =
    own.length > 0
      ? fc.constantFrom(...own).chain((k) => fc.tuple(fc.constant(k), of(k, 'bent')).map((e) => [e]))
      : fc.constant([]);
  const odd: fc.Arbitrary<Entry[]> = fc
    .option(
      fc.oneof(
        ...(others.length > 0
          ? [fc.constantFrom(...others).chain((k) => fc.tuple(fc.constant(k), of(k, 'mixed')))]
          : []),
        fc.tuple(fc.constantFrom(...SPECIAL_KEYS), pollution),
        fc.tuple(
          fc.oneof(oddText, fc.constantFrom(...canaries.payloads(`${shape.name}_key`))),
          fc.string({ maxLength: 8 }),
        ),
      ),
      { freq: 3 },
    )
    .map((e) => (e ? [e] : []));
  const call = (a: fc.Arbitrary<unknown>, params: fc.Arbitrary<object>, more: fc.Arbitrary<Entry[]>) =>
    fc.tuple(a, params, more).map(([actionName, p, entries]) => ({
      tool: shape.name,
      args: withOwnKeys({ action: actionName, ...p }, entries) as Record<string, unknown>,
    }));
  const exact = fc.constant(action);
  return fc.oneof(
    { weight: 2, arbitrary: call(exact, record('valid', true), fc.constant([])) },
    { weight: 2, arbitrary: call(exact, record('valid', false), fc.constant([])) },
    { weight: 3, arbitrary: call(exact, record('valid', false), oneBent) },
    { weight: 3, arbitrary: call(actionValue(action, shape.actions), record('mixed', false), odd) },
  );
}

/** Every tool call the fuzz makes: each action of each tool, calls without action, unknown tools. */
export function callArbitrary(
  shapes: ToolShape[],
  reach: ReachValues,
  canaries: FuzzCanaries,
): fc.Arbitrary<FuzzCall> {
  const perAction = shapes.flatMap((shape) => {
    const values = new Map(
      Object.entries(shape.properties).map(([p, s]) => [
        p,
        propertyValues(shape.name, p, s, reach, canaries),
      ]),
    );
    return shape.actions.map((action) => actionArbitrary(shape, action, values, canaries));
  });
  const names = shapes.map((s) => s.name);
  const bare = fc.record({
    tool: fc.constantFrom(...names),
    args: fc.constantFrom(undefined, {}, { host: 'local' }),
  });
  const unknownTool = fc.record({
    tool: fc.oneof(
      fc.constantFrom(
        '',
        'READ',
        'read ',
        'reads',
        '__proto__',
        'constructor',
        'toString',
        '../read',
        'read\u0000',
      ),
      fc.constantFrom(...canaries.payloads('tool_name')),
      oddText,
    ),
    args: fc.constantFrom(undefined, { action: 'list' }),
  });
  return fc.oneof(
    { weight: 40, arbitrary: fc.oneof(...perAction) },
    { weight: 1, arbitrary: bare },
    { weight: 1, arbitrary: unknownTool },
  );
}

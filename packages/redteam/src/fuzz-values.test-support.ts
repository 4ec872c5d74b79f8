import fc from 'fast-check';

/** The part of a JSON Schema property the fuzz reads (tools/list advertises these). */
export interface PropertySchema {
  type?: string;
  enum?: string[];
  items?: PropertySchema;
  description?: string;
}

/** Keys that reach prototypes when code copies with assignment instead of defining. */
export const SPECIAL_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '__defineGetter__',
  'valueOf',
];

/** Adds own enumerable keys: an object literal `{ __proto__: x }` would set the prototype instead. */
export function withOwnKeys(base: object, entries: readonly (readonly [string, unknown])[]): object {
  const out: Record<string, unknown> = Array.isArray(base) ? ([...base] as never) : { ...base };
  for (const [key, value] of entries) {
    Object.defineProperty(out, key, { value, enumerable: true, configurable: true, writable: true });
  }
  return out;
}

/** What a polluting key carries: switches that would loosen every later call if they leaked. */
export const pollution: fc.Arbitrary<unknown> = fc.constantFrom(
  { readOnly: false, confirm: false, dry_run: false, force: true, all: true, polluted: 'yes' },
  { isAdmin: true, allowHostAccess: true, hostKeyPolicy: 'insecure-ignore' },
  { toString: 'x', valueOf: 1 },
  null,
  'polluted',
  [1, 2],
);

const SIXTY_FOUR_KB = 64 * 1024;
// Built once: generating 64 KB strings unit by unit would dominate the run.
const HUGE = ['a', ';', '\u0000', 'é', '😀', '\u202e', '-'].map((c) =>
  c.repeat(Math.ceil(SIXTY_FOUR_KB / c.length)),
);
HUGE.push('x'.repeat(SIXTY_FOUR_KB + 1), `${'A'.repeat(SIXTY_FOUR_KB - 6)}=value`);

/** Strings no schema expects: empty, blank, unicode, control characters, RTL, lone surrogates, 64 KB. */
export const oddText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '',
    ' ',
    '\t',
    '\n',
    '\r\n',
    '\u0000',
    '\u202e',
    '\u200b',
    '\ufeff',
    '\ud800',
    '\udfff',
    'ﬀ',
    'İ',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.constantFrom(...HUGE),
);

/** Numbers written as text, as an agent might send them. */
const numericText = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom('1e309', '-0', '0x10', '010', 'NaN', 'Infinity', '-1', '1.5', ' 5', '5 ', '٣'),
);

const nested = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = [v];
  return v;
};

/** Values of another type than any schema type asks for. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('true', 'false', 'null', 'undefined', '[]', '{}'),
  numericText,
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(nested(64), nested(2_000), Object.fromEntries([['a', nested(500)]])),
);

/** Near-valid values of a schema type: the right shape bent, or the wrong type. */
export function nearValid(schema: PropertySchema, valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const wrapped = valid.map((v) => [v]);
  switch (schema.type) {
    case 'integer':
    case 'number':
      return fc.oneof(
        numericText,
        fc.constantFrom(-1, -0, 1.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e21, 1e308, -1e308, 5e-324),
        fc.double(),
        wrongType,
        wrapped,
      );
    case 'boolean':
      return fc.oneof(
        fc.constantFrom('true', 'false', 'True', 'yes', 'no', '1', '0', 1, 0, '', null, [true], {}),
        wrongType,
      );
    case 'array':
      return fc.oneof(
        valid.map((v) => (Array.isArray(v) ? v[0] : v)),
        fc.constant([]),
        fc.array(wrongType, { minLength: 1, maxLength: 4 }),
        fc.array(oddText, { minLength: 1, maxLength: 3 }),
        valid.map((v) => (Array.isArray(v) ? Array.from({ length: 2_000 }, () => v[0] ?? 'x') : v)),
        fc.constant(nested(200)),
        fc.oneof(fc.string(), fc.integer(), fc.constant(null)),
      );
    case 'object':
      return fc.oneof(
        fc.constantFrom('A=B', ['A=B'], 5, null, true, [], ''),
        fc.dictionary(fc.oneof(fc.string({ maxLength: 8 }), oddText), wrongType, { maxKeys: 3 }),
        fc.dictionary(oddText, fc.string({ maxLength: 8 }), { minKeys: 1, maxKeys: 3 }),
        fc.constant(Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`K${i}`, 'v']))),
        fc.tuple(fc.constantFrom(...SPECIAL_KEYS), pollution).map(([k, v]) => withOwnKeys({}, [[k, v]])),
      );
    case 'string':
      return fc.oneof(
        oddText,
        wrongType,
        wrapped,
        valid.map((v) => (typeof v === 'string' ? ` ${v} ` : v)),
        valid.map((v) => (typeof v === 'string' ? v.toUpperCase() : v)),
        valid.map((v) => (typeof v === 'string' ? `${v}\u0000` : v)),
      );
    default:
      return fc.oneof(wrongType, oddText);
  }
}

/** Hostile values in the shape of a schema type, so they get past a type check where they can. */
export function hostile(schema: PropertySchema, payloads: readonly string[]): fc.Arbitrary<unknown> {
  const text = fc.constantFrom(...payloads);
  switch (schema.type) {
    case 'array':
      return fc.array(text, { minLength: 1, maxLength: 4 });
    case 'object':
      return fc.oneof(
        fc.dictionary(fc.constantFrom('A', 'PATH', 'LD_PRELOAD', 'com.x'), text, { minKeys: 1, maxKeys: 3 }),
        fc.dictionary(text, fc.constant('v'), { minKeys: 1, maxKeys: 2 }),
      );
    default:
      return text;
  }
}

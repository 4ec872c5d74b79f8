import fc from 'fast-check';
import type { FuzzCanaries } from './fuzz-payloads.test-support.js';
import { hostile, nearValid, type PropertySchema } from './fuzz-values.test-support.js';

/** Valid values that reach real objects, for a property of a tool, when there are any. */
export type ReachValues = (
  tool: string,
  property: string,
  schema: PropertySchema,
) => fc.Arbitrary<unknown> | undefined;

function validOf(schema: PropertySchema, reach: fc.Arbitrary<unknown> | undefined): fc.Arbitrary<unknown> {
  if (schema.enum && schema.enum.length > 0) return fc.constantFrom(...schema.enum);
  if (reach) return reach;
  switch (schema.type) {
    case 'integer':
      return fc.integer({ min: 0, max: 1_000 });
    case 'number':
      return fc.double({ min: 0, max: 1_000, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validOf(schema.items ?? { type: 'string' }, undefined), { minLength: 1, maxLength: 3 });
    case 'object':
      return fc.dictionary(
        fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_.]{0,10}$/),
        fc.string({ maxLength: 12 }),
        {
          maxKeys: 3,
        },
      );
    case 'string':
      return fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9_.-]{0,20}$/), fc.string({ maxLength: 12 }));
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

/** A property's values in the three mixes a call draws from. */
export interface PropertyValues {
  valid: fc.Arbitrary<unknown>;
  /** Near-valid or hostile. */
  bent: fc.Arbitrary<unknown>;
  /** Valid, near-valid or hostile. */
  mixed: fc.Arbitrary<unknown>;
}

/**
 * Values a property can take, derived from its schema type: `valid` ones (from `reach`
 * when the property has values that reach real objects, else generated from the type),
 * near-valid ones and hostile ones carrying canary payloads for this tool and property.
 */
export function propertyValues(
  tool: string,
  property: string,
  schema: PropertySchema,
  reach: ReachValues,
  canaries: FuzzCanaries,
): PropertyValues {
  const valid = validOf(schema, reach(tool, property, schema));
  const near = nearValid(schema, valid);
  const bad = hostile(schema, canaries.payloads(`${tool}_${property}`));
  return {
    valid,
    bent: fc.oneof({ weight: 3, arbitrary: near }, { weight: 2, arbitrary: bad }),
    mixed: fc.oneof(
      { weight: 5, arbitrary: valid },
      { weight: 3, arbitrary: near },
      { weight: 2, arbitrary: bad },
    ),
  };
}

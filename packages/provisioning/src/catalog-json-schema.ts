import { z } from 'zod';
import { Catalog } from './catalog-schema.js';

/**
 * The JSON Schema of a catalog file, generated from the zod schema. It describes what a
 * user writes (`io: 'input'`), so fields with defaults are optional.
 */
export function catalogJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(Catalog, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    ...schema,
    $id: 'https://berth.dev/schema/berth-catalog.schema.json',
    title: 'berth gateway catalog',
    description:
      'The MCP servers a berth gateway serves: containers (stdio), remote HTTP endpoints and static TCP servers.',
  };
}

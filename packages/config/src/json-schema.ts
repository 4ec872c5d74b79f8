import { z } from 'zod';
import { BerthConfig } from './profile-schema.js';

/**
 * The JSON Schema of a config file, generated from the zod schema. It describes what a
 * user writes (`io: 'input'`), so fields with defaults are optional.
 */
export function berthConfigJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(BerthConfig, { io: 'input', target: 'draft-2020-12' }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    $id: 'https://berth.dev/schema/berth-config.schema.json',
    title: 'berth configuration',
    description: 'Engine profiles for berth: berth.yaml, or ~/.config/berth/config.yaml.',
  };
}

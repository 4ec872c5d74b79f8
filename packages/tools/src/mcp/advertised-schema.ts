import type { StandardSchemaWithJSON } from '@modelcontextprotocol/server';

type Json = Record<string, unknown>;

/**
 * A schema for `registerTool` that advertises `json` in tools/list but lets every value
 * through: the tool validates per action itself, so a bad argument gets one clear line
 * ("'tail' does not apply to action list") instead of the SDK's multi-line dump.
 */
export function advertisedSchema(json: Json): StandardSchemaWithJSON<Json, Json> {
  return {
    '~standard': {
      version: 1,
      vendor: 'berth',
      validate: (value: unknown) => ({ value: value as Json }),
      jsonSchema: { input: () => json, output: () => json },
    },
  };
}

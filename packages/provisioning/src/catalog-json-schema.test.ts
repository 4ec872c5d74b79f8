import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { catalogJsonSchema } from './catalog-json-schema.js';

it('the checked-in JSON Schema matches the zod schema (run `pnpm --filter @berth/provisioning run schema`)', async () => {
  const file = new URL('../schema/berth-catalog.schema.json', import.meta.url);
  // Compared as data, so a formatter reflowing the JSON does not count as drift.
  expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(catalogJsonSchema());
});

it('describes every server field a user can write', () => {
  const schema = catalogJsonSchema() as {
    properties: {
      servers: { additionalProperties: { properties: Record<string, { description?: string }> } };
    };
  };
  const fields = schema.properties.servers.additionalProperties.properties;
  expect(Object.keys(fields)).toEqual(
    expect.arrayContaining(['image', 'secrets', 'network', 'remote', 'static', 'tools', 'profile']),
  );
  for (const [key, field] of Object.entries(fields)) expect(field.description, key).toBeTruthy();
});

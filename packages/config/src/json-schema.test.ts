import { readFile } from 'node:fs/promises';
import { expect, it } from 'vitest';
import { berthConfigJsonSchema } from './json-schema.js';

it('the checked-in JSON Schema matches the zod schema (run `pnpm --filter @berth/config run schema`)', async () => {
  const file = new URL('../schema/berth-config.schema.json', import.meta.url);
  // Compared as data, not text, so a formatter reflowing the JSON does not count as drift.
  const checkedIn = JSON.parse(await readFile(file, 'utf8')) as unknown;
  expect(checkedIn).toEqual(berthConfigJsonSchema());
});

it('describes every profile field a user can write', () => {
  const schema = berthConfigJsonSchema() as {
    properties: {
      profiles: {
        additionalProperties: { oneOf: { properties: Record<string, { description?: string }> }[] };
      };
    };
  };
  const [local, tcp, ssh] = schema.properties.profiles.additionalProperties.oneOf;
  expect(Object.keys(ssh?.properties ?? {})).toEqual(
    expect.arrayContaining([
      'host',
      'port',
      'user',
      'identityFile',
      'agent',
      'hostKeyPolicy',
      'knownHostsFile',
    ]),
  );
  expect(Object.keys(tcp?.properties ?? {})).toContain('tls');
  expect(Object.keys(local?.properties ?? {})).toContain('socketPath');
  for (const variant of [local, tcp, ssh]) {
    for (const [key, property] of Object.entries(variant?.properties ?? {})) {
      if (key !== 'type') expect(property.description, key).toBeTruthy();
    }
  }
});

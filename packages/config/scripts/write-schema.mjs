// Writes schema/berth-config.schema.json from the built package; `pnpm run schema` builds first.
// The drift test in src/json-schema.test.ts fails when the checked-in file differs; the
// package script then formats it with biome, like every other checked-in file.
import { writeFileSync } from 'node:fs';
import { berthConfigJsonSchema } from '../dist/index.js';

const target = new URL('../schema/berth-config.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(berthConfigJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);

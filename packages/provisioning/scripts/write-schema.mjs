// Writes schema/berth-catalog.schema.json from the built package; `pnpm run schema` builds first.
// The drift test in src/catalog-json-schema.test.ts fails when the checked-in file differs.
import { writeFileSync } from 'node:fs';
import { catalogJsonSchema } from '../dist/index.js';

const target = new URL('../schema/berth-catalog.schema.json', import.meta.url);
writeFileSync(target, `${JSON.stringify(catalogJsonSchema(), null, 2)}\n`);
console.log(`wrote ${target.pathname}`);

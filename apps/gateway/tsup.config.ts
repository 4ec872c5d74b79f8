import { berthTsup } from '../../tsup.base.ts';

// The bin is bundled whole (no node_modules lookups at start) so it starts fast; code
// splitting keeps what the first tool call imports lazily (the Docker client, ssh2) in
// chunks of its own, so start-up parses only what initialize and tools/list need.
export default berthTsup({
  // gateway-flags: the flag list alone, for `berth gateway`'s options without the gateway.
  entry: ['src/index.ts', 'src/main.ts', 'src/gateway-flags.ts'],
  noExternal: [/.*/],
  splitting: true,
  minify: true,
  dts: { entry: ['src/index.ts', 'src/gateway-flags.ts'] },
  banner: {
    // CommonJS dependencies bundled into ESM still expect these.
    js: [
      "import { createRequire as __berthCreateRequire } from 'node:module';",
      "import { fileURLToPath as __berthFileURLToPath } from 'node:url';",
      "import { dirname as __berthDirname } from 'node:path';",
      'const require = __berthCreateRequire(import.meta.url);',
      'const __filename = __berthFileURLToPath(import.meta.url);',
      'const __dirname = __berthDirname(__filename);',
    ].join(' '),
  },
});

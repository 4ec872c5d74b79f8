import { berthTsup } from '../../tsup.base.ts';
import { lazyRequirePlugin } from './lazy-require-plugin.ts';
import { zodLocalesPlugin } from './zod-locales-plugin.ts';

// The bin is bundled whole (no node_modules lookups at start) and split, so each command
// loads only its own chunks: `berth --version` loads main.js alone, `berth ps` no YAML,
// prompts or progress bars. The entries of berth-mcp and berth-gateway stay external: each
// is loaded from its own package, only by `berth mcp` or `berth gateway`.
export default berthTsup({
  entry: ['src/index.ts', 'src/main.ts'],
  noExternal: [/^(?!@berth\/(server|gateway)\/main$).*/],
  external: ['@berth/server/main', '@berth/gateway/main'],
  splitting: true,
  minify: true,
  dts: { entry: 'src/index.ts' },
  // The Docker client's start: BuildKit sessions, BuildKit progress decoding (protobufjs) and
  // docker-modem's own ssh transport, which berth never uses, load when first used instead of
  // at every start.
  esbuildPlugins: [
    lazyRequirePlugin([
      { importer: /[\\/]dockerode[\\/]lib[\\/]docker\.js$/, specifier: './session', kind: 'callback' },
      {
        importer: /[\\/]dockerode[\\/]lib[\\/]docker\.js$/,
        specifier: './buildkit',
        kind: 'follow-progress',
      },
      { importer: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/, specifier: './ssh', kind: 'http-agent' },
    ]),
    zodLocalesPlugin(),
  ],
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

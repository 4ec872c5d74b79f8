import { berthTsup } from '../../tsup.base.ts';
import { lazyRequirePlugin } from './lazy-require-plugin.ts';
import { sourcePatchPlugin } from './source-patch-plugin.ts';

const LOCALES = 'export * as locales from "../locales/index.js";';

// The bundle is whole (no node_modules lookups at start) and split, so each command loads
// only its own chunks: `berth --version` loads bin.cjs alone, `berth ps` no YAML,
// prompts or progress bars. The entries of berth-mcp and berth-gateway stay external: each
// is loaded from its own package, only by `berth mcp` or `berth gateway`.
const bundle = berthTsup({
  entry: ['src/index.ts', 'src/main.ts'],
  // bin.cjs comes from the second build, which may finish first.
  clean: ['**/*', '!bin.cjs'],
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
    sourcePatchPlugin([
      // zod re-exports its ~40 locales as namespaces (`z.locales`, `z.core.locales`), and
      // `import { z } from 'zod'` keeps all `z` reaches: more than half of zod's code, parsed
      // at every start. berth never switches locale; English, the default, is imported by
      // zod's schemas directly, so no message changes.
      { file: /[\\/]zod[\\/]v4[\\/]classic[\\/]external\.js$/, find: LOCALES, replace: '' },
      { file: /[\\/]zod[\\/]v4[\\/]core[\\/]index\.js$/, find: LOCALES, replace: '' },
      // docker-modem formats every request's options (agent, sockets and all) for a debug
      // line that is printed only when DEBUG names it: milliseconds per Docker call.
      {
        file: /[\\/]docker-modem[\\/]lib[\\/]modem\.js$/,
        find: "debug('Sending: %s', util.inspect(",
        replace: "if (debug.enabled) debug('Sending: %s', util.inspect(",
      },
      // commander loads child_process for executable subcommands, which berth has none of;
      // loading it costs every command's start. It now loads on such a subcommand's spawn.
      {
        file: /[\\/]commander[\\/]lib[\\/]command\.js$/,
        find: "const childProcess = require('node:child_process');",
        replace: "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      },
    ]),
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

// The bin: CommonJS, so `berth --version` never starts Node's ES module loader; any other
// command imports main.js from the bundle above.
const bin = berthTsup({
  entry: { bin: 'src/bin.ts' },
  format: ['cjs'],
  external: ['./main.js'],
  dts: false,
  sourcemap: false,
  clean: false,
  minify: true,
});

export default [bundle, bin];

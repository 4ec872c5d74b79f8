import { dirname } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * How the stand-in reaches the real module, whose export is one function:
 * - `require`: it requires it on the first call (the code is still read at start);
 * - `callback`: the function returns nothing and answers through its last argument, a
 *   callback `(error, ...)`: the module loads as a chunk of its own on the first call;
 * - `http-agent`: the function returns an http.Agent whose connections are made through a
 *   callback: the stand-in returns an Agent at once and loads the module, as a chunk of its
 *   own, on its first connection;
 * - `follow-progress`: the module exports `followProgress(stream, onFinished, onProgress)`,
 *   which returns nothing and answers through `onFinished(error, output)`: it loads as a
 *   chunk of its own on the first call.
 */
export type LazyKind = 'require' | 'callback' | 'http-agent' | 'follow-progress';

export interface LazyRequire {
  /** The requiring file (a dependency's own file, by path). */
  importer: RegExp;
  /** What it requires. */
  specifier: string;
  kind: LazyKind;
}

function standIn(real: string, kind: LazyKind): string[] {
  switch (kind) {
    case 'require':
      return ['module.exports = function () {', `  return require(${real}).apply(this, arguments);`, '};'];
    case 'callback':
      return [
        'module.exports = function () {',
        '  const self = this, given = arguments, done = given[given.length - 1];',
        `  import(${real}).then(`,
        '    (m) => (m.default ?? m).apply(self, given),',
        "    (error) => { if (typeof done === 'function') done(error); },",
        '  );',
        '};',
      ];
    case 'http-agent':
      return [
        "const { Agent } = require('node:http');",
        'module.exports = function () {',
        '  const self = this, given = arguments, agent = new Agent();',
        '  let real;',
        '  agent.createConnection = function (options, done) {',
        `    import(${real}).then(`,
        '      (m) => { real ??= (m.default ?? m).apply(self, given); real.createConnection(options, done); },',
        '      (error) => done(error),',
        '    );',
        '  };',
        '  return agent;',
        '};',
      ];
    case 'follow-progress':
      return [
        'module.exports = {',
        '  followProgress(stream, onFinished, onProgress) {',
        `    import(${real}).then(`,
        '      (m) => (m.default ?? m).followProgress(stream, onFinished, onProgress),',
        "      (error) => { if (typeof onFinished === 'function') onFinished(error); },",
        '    );',
        '  },',
        '};',
      ];
  }
}

/**
 * Bundled CommonJS runs a module's body on its first `require`. For the listed
 * `require(specifier)` calls made at the top of a dependency's file, this hands the file a
 * stand-in that loads the real module when first used instead. dockerode requires its
 * BuildKit session (gRPC, protobuf: most of the Docker client's code) and docker-modem its
 * ssh transport (ssh2) at load, though berth calls neither: berth reaches SSH engines through
 * its own transport. They cost every `berth ps` about a quarter of its start. The code is
 * still in the bundle and works the same when used.
 */
export function lazyRequirePlugin(targets: readonly LazyRequire[]): Plugin {
  return {
    name: 'berth-lazy-require',
    setup(build) {
      for (const target of targets) {
        const exact = new RegExp(`^${target.specifier.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
        build.onResolve({ filter: exact }, async (args) => {
          if (args.kind !== 'require-call' || !target.importer.test(args.importer)) return undefined;
          if ((args.pluginData as { real?: boolean } | undefined)?.real) return undefined;
          const real = await build.resolve(args.path, {
            kind: args.kind,
            importer: args.importer,
            resolveDir: args.resolveDir,
            pluginData: { real: true },
          });
          if (real.errors.length > 0) return { errors: real.errors };
          return { path: real.path, namespace: 'berth-lazy-require', pluginData: { kind: target.kind } };
        });
      }
      build.onLoad({ filter: /.*/, namespace: 'berth-lazy-require' }, (args) => {
        const { kind } = args.pluginData as { kind: LazyKind };
        const contents = standIn(JSON.stringify(args.path), kind).join('\n');
        return { contents, resolveDir: dirname(args.path), loader: 'js' };
      });
    },
  };
}

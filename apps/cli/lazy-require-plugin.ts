import { dirname } from 'node:path';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

export interface LazyRequire {
  /** The requiring file (a dependency's own file, by path). */
  importer: RegExp;
  /** What it requires: a module whose export is one function. */
  specifier: string;
  /**
   * The function returns nothing and answers through its last argument, a callback
   * `(error, ...)`: the real module then loads as a chunk of its own, on first call, so
   * not even its code is read at start.
   */
  callback?: boolean;
}

/**
 * Bundled CommonJS runs a module's body on its first `require`. For the listed
 * `require(specifier)` calls made at the top of a dependency's file, this hands the file a
 * stand-in function that loads the real module on its first call instead. dockerode
 * requires its BuildKit session (gRPC, protobuf: most of the Docker client's code) and
 * docker-modem its ssh transport (ssh2) at load, though berth calls neither: they cost every
 * `berth ps` about a quarter of its start. The code is still in the bundle and works the
 * same when called.
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
          return {
            path: real.path,
            namespace: 'berth-lazy-require',
            pluginData: { callback: target.callback === true },
          };
        });
      }
      build.onLoad({ filter: /.*/, namespace: 'berth-lazy-require' }, (args) => {
        const real = JSON.stringify(args.path);
        const { callback } = args.pluginData as { callback: boolean };
        const contents = callback
          ? [
              'module.exports = function () {',
              '  const self = this, given = arguments, done = given[given.length - 1];',
              `  import(${real}).then(`,
              '    (m) => (m.default ?? m).apply(self, given),',
              "    (error) => { if (typeof done === 'function') done(error); },",
              '  );',
              '};',
            ]
          : ['module.exports = function () {', `  return require(${real}).apply(this, arguments);`, '};'];
        return { contents: contents.join('\n'), resolveDir: dirname(args.path), loader: 'js' };
      });
    },
  };
}

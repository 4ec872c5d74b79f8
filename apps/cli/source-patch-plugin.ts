import { readFile } from 'node:fs/promises';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

export interface SourcePatch {
  /** The dependency's file, by path. */
  file: RegExp;
  /** Text the file must contain once; the build fails when it does not (the dependency changed). */
  find: string;
  replace: string;
}

/**
 * Rewrites a few lines of dependencies as they are bundled into the bin, for what they cost
 * every start or every call while berth never needs it. Each patch names its exact text, so
 * a new version of the dependency fails the build instead of being bundled unpatched.
 */
export function sourcePatchPlugin(patches: readonly SourcePatch[]): Plugin {
  return {
    name: 'berth-source-patch',
    setup(build) {
      const filter = new RegExp(patches.map((p) => p.file.source).join('|'));
      build.onLoad({ filter }, async (args) => {
        const mine = patches.filter((p) => p.file.test(args.path));
        if (mine.length === 0) return undefined;
        let text = await readFile(args.path, 'utf8');
        for (const patch of mine) {
          const at = text.indexOf(patch.find);
          if (at < 0 || text.indexOf(patch.find, at + 1) >= 0) {
            return {
              errors: [{ text: `${args.path}: expected one ${JSON.stringify(patch.find)} to patch` }],
            };
          }
          text = text.replace(patch.find, patch.replace);
        }
        return { contents: text, loader: 'js' };
      });
    },
  };
}

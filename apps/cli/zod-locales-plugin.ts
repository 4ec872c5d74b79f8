import { readFile } from 'node:fs/promises';
import type { Options } from 'tsup';

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/** zod's files that re-export every locale as a namespace (`z.locales`, `z.core.locales`). */
const FILES = /[\\/]zod[\\/]v4[\\/](?:classic[\\/]external|core[\\/]index)\.js$/;
const LINE = /^export \* as locales from "\.\.\/locales\/index\.js";$/m;

/**
 * zod re-exports all of its ~40 locales as namespaces; `import { z } from 'zod'` makes the
 * bundler keep whatever `z` reaches, so each start of the bin would parse them: more than
 * half of zod's code. berth never switches locale, and English, the default, is imported by
 * zod's schemas directly, so dropping the two re-exports changes no message. The build
 * fails when zod's files no longer have the line, rather than silently keeping the locales.
 */
export function zodLocalesPlugin(): Plugin {
  return {
    name: 'berth-zod-without-locales',
    setup(build) {
      build.onLoad({ filter: FILES }, async (args) => {
        const text = await readFile(args.path, 'utf8');
        if (!LINE.test(text)) {
          return { errors: [{ text: `${args.path}: no locales re-export to drop; check zodLocalesPlugin` }] };
        }
        return { contents: text.replace(LINE, ''), loader: 'js' };
      });
    },
  };
}

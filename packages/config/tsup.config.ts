import { berthTsup } from '../../tsup.base.ts';

// Tests and their helpers (`*.test-support.ts`) are never part of the build. `lite` and
// `load` are doors without the YAML code, for start-up paths (`load` imports the parser when
// a config file is there); shared modules go to one chunk.
export default berthTsup({
  tsconfig: 'tsconfig.build.json',
  entry: ['src/index.ts', 'src/lite.ts', 'src/load.ts'],
  splitting: true,
});

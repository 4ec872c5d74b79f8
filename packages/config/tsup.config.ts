import { berthTsup } from '../../tsup.base.ts';

// Tests and their helpers (`*.test-support.ts`) are never part of the build. `lite` is a
// second door without the YAML code, for start-up paths; shared modules go to one chunk.
export default berthTsup({
  tsconfig: 'tsconfig.build.json',
  entry: ['src/index.ts', 'src/lite.ts'],
  splitting: true,
});

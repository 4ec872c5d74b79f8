import { berthTsup } from '../../tsup.base.ts';

// Tests and their helpers (`*.test-support.ts`) are never part of the build.
export default berthTsup({ tsconfig: 'tsconfig.build.json' });

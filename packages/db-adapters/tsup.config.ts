import { berthTsup } from '../../tsup.base.ts';

// Tests and their helpers (`*.test-support.ts`) import vitest and @berth/testkit: never build them.
export default berthTsup({ tsconfig: 'tsconfig.build.json' });

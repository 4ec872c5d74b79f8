import { berthTsup } from '../../tsup.base.ts';

export default berthTsup({
  entry: ['src/index.ts', 'src/global-setup.ts', 'src/cli.ts'],
  // vitest is the test runner that loads testkit: never bundle it.
  external: ['vitest', 'vitest/node'],
});

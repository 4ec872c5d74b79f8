import { berthTsup } from '../../tsup.base.ts';

// The bin is bundled whole (no node_modules lookups at start) so it starts fast.
export default berthTsup({
  entry: ['src/index.ts', 'src/main.ts'],
  noExternal: [/.*/],
  dts: { entry: 'src/index.ts' },
  banner: {
    js: "import { createRequire as __berthCreateRequire } from 'node:module'; const require = __berthCreateRequire(import.meta.url);",
  },
});

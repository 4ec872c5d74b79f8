#!/usr/bin/env node
import { ensureEngine } from './engine-bootstrap.js';
import { log } from './log.js';
import { prepareTestbed } from './prepare.js';
import { listTestResources, sweepCount, sweepLeftovers } from './sweep.js';

const USAGE = 'usage: pnpm testbed prepare | engine | sweep | check-clean';

async function main(argv: string[]): Promise<number> {
  switch (argv[0]) {
    case 'prepare':
      await prepareTestbed();
      return 0;
    case 'engine': {
      const engine = await ensureEngine();
      log(`engine ${engine.how}: Docker ${engine.version} (API ${engine.apiVersion})`);
      return 0;
    }
    case 'check-clean': {
      // Run after a suite: every test must have removed what it started.
      const left = await listTestResources();
      const count = sweepCount(left);
      log(
        count === 0
          ? 'no berth.test resources left'
          : `berth.test resources left behind: ${JSON.stringify(left)}`,
      );
      return count === 0 ? 0 : 1;
    }
    case 'sweep': {
      const swept = await sweepLeftovers();
      log(`removed ${sweepCount(swept)} leftovers: ${JSON.stringify(swept)}`);
      return 0;
    }
    default:
      process.stderr.write(`${USAGE}\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`berth-testbed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

import { CLI_VERSION } from './version.js';

/** Answers `berth --version` (or `-V`) alone on the command line; false for anything else. */
export function answerVersion(argv: readonly string[], out: NodeJS.WritableStream = process.stdout): boolean {
  if (argv.length !== 1 || (argv[0] !== '--version' && argv[0] !== '-V')) return false;
  out.write(`${CLI_VERSION}\n`);
  return true;
}

import type { RunResult } from '@berth/client-pool';
import type { HostEngine } from '@berth/engine';
import { MigrateError } from './migrate-error.js';

/** Runs argv on the engine's host; a non-zero exit or cut output is an ENGINE error with its stderr. */
export async function runOrThrow(
  engine: HostEngine,
  argv: string[],
  signal: AbortSignal,
  input?: string,
): Promise<RunResult> {
  const result = await engine.run(argv, input === undefined ? { signal } : { signal, input });
  if (result.exitCode !== 0 || result.truncated) {
    const why = result.truncated
      ? 'its output passed the cap'
      : `exit ${result.exitCode}: ${result.stderr.trim().slice(0, 500)}`;
    throw new MigrateError('ENGINE', `${engine.profile}: ${argv[0]} failed (${why})`, {
      profile: engine.profile,
      argv,
      exitCode: result.exitCode,
    });
  }
  return result;
}

import { ClientPoolError } from './client-pool-error.js';
import { allowlistedEnv, runLocally } from './local-command.js';
import type { PoolEntry } from './pool-entry.js';
import type { RunOptions, RunResult } from './run-result.js';
import { runOverSsh } from './ssh-command.js';

/**
 * Runs argv on the host of one pool entry, over the connection its Docker client uses: the
 * one implementation behind both `pool.run` and `EngineClient.run`. `env` is the pool's
 * injected environment; a local command gets only its allowlisted part.
 */
export async function runCommand(
  entry: PoolEntry,
  argv: readonly string[],
  options: RunOptions,
  env: NodeJS.ProcessEnv,
): Promise<RunResult> {
  const profile = entry.name;
  if (argv.length === 0) throw new ClientPoolError('CONFIG', 'run() needs a non-empty argv', { profile });
  const timeoutMs = options.timeoutMs ?? entry.profile.timeoutMs;
  if (entry.connection) return runOverSsh(entry.connection, argv, { ...options, timeoutMs, profile });
  if (entry.dockerHost) {
    const childEnv = allowlistedEnv(env, { DOCKER_HOST: entry.dockerHost });
    return runLocally(argv, { ...options, timeoutMs, profile, env: childEnv });
  }
  throw new ClientPoolError(
    'UNSUPPORTED',
    `Profile "${profile}" is a tcp profile: berth can call its Docker API but cannot run commands on its host. Use an ssh profile for that.`,
    { profile },
  );
}

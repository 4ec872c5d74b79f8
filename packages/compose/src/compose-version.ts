import type { ComposeVersion } from './compose-driver-types.js';

/** The two ways compose is installed, in the order they are tried: the v2 plugin first. */
export const COMPOSE_COMMANDS: ReadonlyArray<readonly string[]> = [['docker', 'compose'], ['docker-compose']];

/**
 * Reads `version --short` output: `2.26.1`, `v2.26.1`, `1.29.2`. The flavour follows the
 * major version, not the command: trixie's `docker-compose` is v2 too.
 */
export function parseComposeVersion(stdout: string, command: readonly string[]): ComposeVersion | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)\S*$/.exec(stdout.trim());
  if (!match) return undefined;
  const major = Number(match[1]);
  if (major !== 1 && major !== 2) return undefined;
  return { flavour: major === 1 ? 'v1' : 'v2', version: stdout.trim().replace(/^v/, ''), command };
}

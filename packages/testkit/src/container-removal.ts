import type Docker from 'dockerode';
import { TestkitError } from './testkit-error.js';

/** A container that the engine cannot remove by then is held by the engine itself. */
export const REMOVE_TIMEOUT_MS = 60_000;

/**
 * Force-removes a container with its anonymous volumes, by a deadline: a container whose
 * runc call never returned (runc 1.1 on a 64 KiB missing program name) or whose cgroup
 * stayed frozen is held by dockerd, and its removal would otherwise hang the whole run.
 * Fails with TIMEOUT and what to do; a container already gone counts as removed.
 */
export async function removeContainer(container: Docker.Container, name: string): Promise<void> {
  try {
    await container.remove({ force: true, v: true, abortSignal: AbortSignal.timeout(REMOVE_TIMEOUT_MS) });
  } catch (error) {
    if ((error as { statusCode?: number }).statusCode === 404) return;
    if (!(error instanceof Error) || !/abort/i.test(`${error.name} ${error.message}`)) throw error;
    throw new TestkitError(
      'TIMEOUT',
      `removing container ${name} did not end in ${REMOVE_TIMEOUT_MS / 1000} s; the engine holds it. Kill the runc process still running for it, or thaw its cgroup (freezer.state THAWED), or restart dockerd, then run again`,
      { cause: error },
    );
  }
}

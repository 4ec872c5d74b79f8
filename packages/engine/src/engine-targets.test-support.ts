/*
 * Test-only: the engines the engine tests run against (never exported from index.ts).
 * `local` is the engine of this machine (DOCKER_HOST or its socket) through a local
 * profile; `remote` is a second engine reached over SSH through @berth/client-pool, with
 * host-key checking on.
 */
import { type ClientPool, createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { busyboxImage, ensureImage, type RemoteHost, startRemoteHost, testLabels } from '@berth/testkit';
import type Docker from 'dockerode';
import { afterAll, beforeAll } from 'vitest';
import { runContainer } from './container-create.js';
import { EngineError } from './engine-error.js';
import type { EngineLease } from './engine-lease.js';
import { silentEngine } from './silent-engine.test-support.js';

export interface EngineTarget extends AsyncDisposable {
  name: string;
  docker: Docker;
  /** The profile's live connection (client-pool's EngineClient), as HostEngine binds to it. */
  lease: EngineLease;
  /** The pool that holds it, for openHostEngine. */
  pool: ClientPool;
  /** The busybox fixture image, present on this engine. */
  image: string;
  /**
   * A lease whose engine does not answer until disposed, with `timeoutMs` as its
   * profile timeout: remote pauses the SSH host; local (a shared daemon) stands in a
   * listener that accepts and never answers.
   */
  unresponsive(timeoutMs: number): Promise<EngineLease & AsyncDisposable>;
}

export type TargetName = 'local' | 'remote';

async function localTarget(image: string): Promise<EngineTarget> {
  const config = BerthConfig.parse({ profiles: { local: { type: 'local' } } });
  const pool = createClientPool({ config });
  const lease = await pool.acquire('local');
  return {
    name: 'local',
    docker: lease.docker,
    lease,
    pool,
    image,
    unresponsive: (timeoutMs) => silentEngine(timeoutMs),
    [Symbol.asyncDispose]: () => pool.dispose(),
  };
}

async function remoteTarget(image: string, remote: RemoteHost): Promise<EngineTarget> {
  await remote.loadImage(image);
  const config = BerthConfig.parse({ profiles: { remote: remote.sshProfile() } });
  const pool = createClientPool({ config });
  const lease = await pool.acquire('remote');
  if (lease.transport !== 'ssh') throw new Error(`expected an ssh client, got ${lease.transport}`);
  return {
    name: 'remote',
    docker: lease.docker,
    lease,
    pool,
    image,
    async unresponsive(timeoutMs) {
      // Freezes sshd and dockerd alike: the connection stays open and nothing answers.
      await remote.container.container.pause();
      return {
        profile: lease.profile,
        docker: lease.docker,
        run: (argv, options) => lease.run(argv, options),
        timeoutMs,
        [Symbol.asyncDispose]: async () => {
          await remote.container.container.unpause();
        },
      };
    },
    async [Symbol.asyncDispose]() {
      try {
        await pool.dispose();
      } finally {
        await remote[Symbol.asyncDispose]();
      }
    },
  };
}

export async function openTarget(name: TargetName): Promise<EngineTarget> {
  const { tag } = await ensureImage(busyboxImage);
  if (name === 'local') return localTarget(tag);
  const remote = await startRemoteHost();
  try {
    return await remoteTarget(tag, remote);
  } catch (error) {
    await remote[Symbol.asyncDispose]();
    throw error;
  }
}

let counter = 0;
/** A unique, valid resource name for this test run. */
export function uniqueName(prefix: string): string {
  return `berth-${prefix}-${(testLabels()['berth.test'] ?? 'run').replace(/[^A-Za-z0-9_.-]/g, '')}-${++counter}`;
}

/**
 * Removes a test container at scope exit (`await using`), whatever state it is in, within
 * a minute: a container the engine holds (a runtime stuck on it) fails the scope instead
 * of hanging it.
 */
export function removeLater(docker: Docker, id: string): AsyncDisposable {
  return {
    async [Symbol.asyncDispose]() {
      await docker
        .getContainer(id)
        .remove({ force: true, v: true, abortSignal: AbortSignal.timeout(60_000) })
        .catch((error: { statusCode?: number; name?: string }) => {
          if (error.statusCode === 404) return;
          if (error.name === 'AbortError' || error.name === 'TimeoutError')
            throw new Error(
              `removing test container ${id} did not end in 60 s: the engine holds it (thaw its cgroup or kill its runc process)`,
              { cause: error },
            );
          throw error;
        });
    },
  };
}

/** The EngineError code a call failed with ('resolved' when it did not fail), for assertions. */
export async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof EngineError ? error.code : `not an EngineError: ${String(error)}`;
  }
}

/**
 * Opens `name` for the enclosing describe block (beforeAll) and disposes it afterwards;
 * the returned view reads the live target, so tests can write `const { docker } = target`.
 */
export function useTarget(name: TargetName): EngineTarget {
  let target: EngineTarget | undefined;
  beforeAll(async () => {
    target = await openTarget(name);
  });
  afterAll(async () => {
    await target?.[Symbol.asyncDispose]();
  });
  const live = (): EngineTarget => {
    if (!target) throw new Error(`engine target ${name} is not open yet`);
    return target;
  };
  return {
    get name() {
      return live().name;
    },
    get docker() {
      return live().docker;
    },
    get lease() {
      return live().lease;
    },
    get pool() {
      return live().pool;
    },
    get image() {
      return live().image;
    },
    unresponsive: (timeoutMs) => live().unresponsive(timeoutMs),
    [Symbol.asyncDispose]: async () => {},
  };
}

/**
 * A running `sleep 3600` container of the target's image for the enclosing describe block
 * (beforeAll), removed afterwards; `id` reads it once it runs. Register it after the
 * target's `useTarget`, so it goes before the target closes.
 */
export function useSleepingContainer(target: EngineTarget): { readonly id: string } {
  let id: string | undefined;
  let cleanup: AsyncDisposable | undefined;
  beforeAll(async () => {
    const started = await runContainer(target.docker, {
      image: target.image,
      cmd: ['sleep', '3600'],
      labels: testLabels(),
    });
    id = started.id;
    cleanup = removeLater(target.docker, started.id);
  });
  afterAll(async () => {
    await cleanup?.[Symbol.asyncDispose]();
  });
  return {
    get id() {
      if (!id) throw new Error('the sleeping container is not running yet');
      return id;
    },
  };
}

/*
 * Test-only: the engines the engine tests run against (never exported from index.ts).
 * `local` is the engine on this machine's socket; `remote` is a second engine reached over
 * SSH through @berth/client-pool, with host-key checking on.
 */
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { busyboxImage, ensureImage, startRemoteHost, testLabels } from '@berth/testkit';
import Docker from 'dockerode';
import { afterAll, beforeAll } from 'vitest';
import { EngineError } from './engine-error.js';

export interface EngineTarget extends AsyncDisposable {
  name: string;
  docker: Docker;
  /** The busybox fixture image, present on this engine. */
  image: string;
}

export type TargetName = 'local' | 'remote';

export async function openTarget(name: TargetName): Promise<EngineTarget> {
  const { tag } = await ensureImage(busyboxImage);
  if (name === 'local') {
    return {
      name,
      docker: new Docker({ socketPath: '/var/run/docker.sock' }),
      image: tag,
      async [Symbol.asyncDispose]() {},
    };
  }
  const remote = await startRemoteHost();
  try {
    await remote.loadImage(tag);
    const config = BerthConfig.parse({ profiles: { remote: remote.sshProfile() } });
    const clients = createClientPool({ config });
    const client = await clients.acquire('remote');
    if (client.transport !== 'ssh') throw new Error(`expected an ssh client, got ${client.transport}`);
    return {
      name,
      docker: client.docker,
      image: tag,
      async [Symbol.asyncDispose]() {
        try {
          await clients.dispose();
        } finally {
          await remote[Symbol.asyncDispose]();
        }
      },
    };
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

/** Removes a test container at scope exit (`await using`), whatever state it is in. */
export function removeLater(docker: Docker, id: string): AsyncDisposable {
  return {
    async [Symbol.asyncDispose]() {
      await docker
        .getContainer(id)
        .remove({ force: true, v: true })
        .catch((error: { statusCode?: number }) => {
          if (error.statusCode !== 404) throw error;
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
    get image() {
      return live().image;
    },
    [Symbol.asyncDispose]: async () => {},
  };
}

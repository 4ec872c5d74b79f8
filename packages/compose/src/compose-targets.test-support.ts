// Test-only: the hosts the compose engine tests run on (never exported from index.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientPool, createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { bindEngine, type HostEngine } from '@berth/engine';
import { busyboxImage, ensureImage, type RemoteHost, startRemoteHost } from '@berth/testkit';

export type TargetKind = 'local' | 'bookworm' | 'trixie';

export interface ComposeTarget extends AsyncDisposable {
  kind: TargetKind;
  host: HostEngine;
  pool: ClientPool;
  /** The busybox fixture image, present on the target's engine. */
  image: string;
  /** A folder on the target's host for stacks. */
  composePath: string;
  /** The SSH remote host (bookworm, trixie), for looking at its processes from outside. */
  remote?: RemoteHost;
}

/**
 * One host for a whole test file: the local engine through a local profile, or a fresh
 * remote host (bookworm: Docker 20.10 and Compose v1; trixie: Docker 26.1 and Compose v2)
 * through an ssh profile with its host key pinned.
 */
export async function composeTarget(kind: TargetKind): Promise<ComposeTarget> {
  const { tag: image } = await ensureImage(busyboxImage);
  const remote = kind === 'local' ? undefined : await startRemoteHost({ flavour: kind });
  const localDir = kind === 'local' ? mkdtempSync(join(tmpdir(), 'berth-compose-')) : undefined;
  try {
    if (remote) await remote.loadImage(image);
    const profile = remote ? remote.sshProfile() : { type: 'local' };
    const pool = createClientPool({ config: BerthConfig.parse({ profiles: { [kind]: profile } }) });
    const lease = await pool.acquire(kind);
    const host = bindEngine(lease, { signal: new AbortController().signal });
    return {
      kind,
      host,
      pool,
      image,
      composePath: localDir ?? '/srv/stacks',
      ...(remote ? { remote } : {}),
      async [Symbol.asyncDispose]() {
        try {
          await pool.dispose();
        } finally {
          if (localDir) rmSync(localDir, { recursive: true, force: true });
          await remote?.[Symbol.asyncDispose]();
        }
      },
    };
  } catch (error) {
    await remote?.[Symbol.asyncDispose]();
    if (localDir) rmSync(localDir, { recursive: true, force: true });
    throw error;
  }
}

/**
 * A small stack: `web` (a healthcheck, a named volume, a log line with a secret from .env)
 * and `worker`. Every container, volume and network carries `labels`, so the test bed's
 * leftover check finds whatever a failed test leaves on the local engine.
 */
export function stackYaml(image: string, labels: Record<string, string>): string {
  const labelLines = (indent: string) =>
    Object.entries(labels)
      .map(([k, v]) => `${indent}${k}: ${JSON.stringify(v)}`)
      .join('\n');
  return `services:
  web:
    image: ${image}
    command: ["sh", "-c", "echo web started with $$APP_SECRET; exec sleep 3600"]
    environment:
      APP_SECRET: \${APP_SECRET}
    stop_grace_period: 1s
    healthcheck:
      test: ["CMD", "true"]
      interval: 1s
      retries: 3
    volumes: ["data:/data"]
    labels:
${labelLines('      ')}
  worker:
    image: ${image}
    command: ["sleep", "3600"]
    stop_grace_period: 1s
    labels:
${labelLines('      ')}
volumes:
  data:
    labels:
${labelLines('      ')}
networks:
  default:
    labels:
${labelLines('      ')}
`;
}

/*
 * Test-only: a database container on the local engine or on an SSH remote host, with a
 * HostEngine bound to it, a masker and a logger whose every line is kept, so a test can
 * scan all output for a planted password.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { type ClientPool, createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { type HostEngine, openHostEngine } from '@berth/engine';
import { createMasker, type Masker } from '@berth/security';
import {
  ensureImage,
  type FixtureImage,
  type RemoteHost,
  startRemoteHost,
  testLabels,
  waitUntil,
} from '@berth/testkit';
import { pino } from 'pino';
import { afterAll, beforeAll, expect } from 'vitest';
import type { BackupResult, DbAdapter } from './db-adapter.js';
import { openDbAdapter } from './open-db-adapter.js';

export type TargetName = 'local' | 'remote';

/** A password with every character class that breaks naive quoting, and non-ASCII. */
export const HOSTILE_PASSWORD = `p'a"s$(touch /tmp/pwned);w rd\`id\` ü€-${Math.random().toString(36).slice(2, 8)}`;

export interface DbTarget extends AsyncDisposable {
  engine: HostEngine;
  container: string;
  adapter: DbAdapter;
  masker: Masker;
  /** Every log line berth wrote, raw. */
  logLines: string[];
  /** Reopens the adapter (a new masker and logger share the same lists). */
  reopen(): Promise<DbAdapter>;
}

export interface DbTargetSpec {
  image: FixtureImage;
  env: Record<string, string>;
  /** Succeeds once the database answers. */
  ready: (adapter: DbAdapter) => Promise<unknown>;
}

async function openPool(name: TargetName, image: string): Promise<{ pool: ClientPool; remote?: RemoteHost }> {
  if (name === 'local') {
    return {
      pool: createClientPool({ config: BerthConfig.parse({ profiles: { local: { type: 'local' } } }) }),
    };
  }
  const remote = await startRemoteHost();
  try {
    await remote.loadImage(image);
    return {
      pool: createClientPool({ config: BerthConfig.parse({ profiles: { remote: remote.sshProfile() } }) }),
      remote,
    };
  } catch (error) {
    await remote[Symbol.asyncDispose]();
    throw error;
  }
}

export async function startDbTarget(name: TargetName, spec: DbTargetSpec): Promise<DbTarget> {
  const { tag } = await ensureImage(spec.image);
  const { pool, remote } = await openPool(name, tag);
  const controller = new AbortController();
  const engine = await openHostEngine(pool, name, { signal: controller.signal });
  const { id } = await engine.containers.run({
    image: tag,
    env: spec.env,
    labels: testLabels({ 'berth.test.case': 'db' }),
  });
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, callback) {
      logLines.push(String(chunk));
      callback();
    },
  });
  const masker = createMasker();
  const open = () => openDbAdapter(engine, id, { masker, logger: pino({ level: 'debug' }, sink) });
  const dispose = async () => {
    try {
      await engine.containers.remove(id, { force: true }).catch(() => {});
      controller.abort();
      await pool.dispose();
    } finally {
      await remote?.[Symbol.asyncDispose]();
    }
  };
  try {
    let adapter = await open();
    await waitUntil(
      'database answers',
      async () => {
        await spec.ready(adapter);
        return true;
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    adapter = await open();
    return { engine, container: id, adapter, masker, logLines, reopen: open, [Symbol.asyncDispose]: dispose };
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** Runs `work` and returns the error it threw (fails the test when it did not throw). */
export async function failure(
  work: Promise<unknown>,
): Promise<Error & { code?: string; data?: Record<string, unknown> }> {
  const outcome = await work.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a failure, got ${JSON.stringify(outcome.value)}`);
  return outcome.error as Error & { code?: string };
}

/** The forms a secret may take in output: raw, JSON-escaped, URL-encoded. */
export function secretForms(secret: string): string[] {
  return [secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)];
}

/** A database target for the tests of one describe block, as `useDbTarget` gives it. */
export interface DbSuite {
  readonly target: DbTarget;
  /** The target's adapter. */
  readonly db: DbAdapter;
  /** A scratch folder for backups, removed after the block. */
  readonly dir: string;
  /** Keeps an answer (or error) for `expectNoSecret` and returns it. */
  seen<T>(value: T): T;
  /** No form of `secret` is in any answer given to `seen`, nor in any log line. */
  expectNoSecret(secret: string): void;
  /** Nothing named `prefix…` and no partial file is left in the scratch folder. */
  expectNoLeftovers(prefix: string): void;
}

export interface DbSuiteSpec extends DbTargetSpec {
  /** How the scratch folder's name starts. */
  tmpPrefix: string;
  /** Writes the block's data once the database answers. */
  seed?: (db: DbAdapter) => Promise<unknown>;
}

/**
 * Starts the database for the enclosing describe block (beforeAll), seeds it, and removes
 * it and the scratch folder afterwards; the returned view reads the live target, so tests
 * can write `const { db, dir } = suite`.
 */
export function useDbTarget(name: TargetName, spec: DbSuiteSpec): DbSuite {
  let target: DbTarget | undefined;
  let dir: string | undefined;
  const outputs: unknown[] = [];
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), spec.tmpPrefix));
    target = await startDbTarget(name, spec);
    await spec.seed?.(target.adapter);
  });
  afterAll(async () => {
    await target?.[Symbol.asyncDispose]();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const live = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error(`database target ${name} is not started yet`);
    return value;
  };
  return {
    get target() {
      return live(target);
    },
    get db() {
      return live(target).adapter;
    },
    get dir() {
      return live(dir);
    },
    seen: (value) => {
      outputs.push(value);
      return value;
    },
    expectNoSecret: (secret) => {
      const text = JSON.stringify(outputs, (_k, v) =>
        v instanceof Error ? { message: v.message, data: (v as { data?: unknown }).data } : v,
      );
      for (const form of secretForms(secret)) {
        expect(text).not.toContain(form);
        expect(live(target).logLines.join('')).not.toContain(form);
      }
    },
    expectNoLeftovers: (prefix) => {
      expect(readdirSync(live(dir)).filter((f) => f.startsWith(prefix) || f.includes('partial'))).toEqual([]);
    },
  };
}

/** The backup's file has the size and sha256 the result gives; returns its bytes. */
export function expectBackupFile(backup: BackupResult): Buffer {
  const file = readFileSync(backup.path);
  expect(backup.bytes).toBe(file.length);
  expect(backup.sha256).toBe(createHash('sha256').update(file).digest('hex'));
  return file;
}

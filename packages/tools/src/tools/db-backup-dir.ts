import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { berthPaths } from '@berth/config/lite';
import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';

/**
 * A backup file where berth runs (dumps stream from the container to berth's machine).
 * Relative names are under berth's backup folder; an absolute path must lie inside it: the
 * adapter resolves symlinks and refuses any escape.
 */
export const backupFileParam = z
  .string()
  .min(1)
  .max(4_096)
  .refine((v) => !/[\0\r\n]/.test(v), 'file: no NUL or newline')
  .describe("Backup file, relative to berth's backup folder (<state dir>/backups)");

/**
 * The one folder backups are written to and restored from: `<stateDir>/backups` of the
 * user's own environment. Neither an agent's arguments nor a project file can move it.
 */
export function backupDir(call: HostCall): string {
  return join(berthPaths({ env: call.config.env, home: call.config.home }).stateDir, 'backups');
}

/** The folder, made on first use, private to the user (dumps hold data). */
export async function ensureBackupDir(call: HostCall): Promise<string> {
  const dir = backupDir(call);
  await mkdir(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/** The destination the adapter checks for containment: `file` under the folder. */
export function backupPath(dir: string, file: string): { root: string; path: string } {
  return { root: dir, path: isAbsolute(file) ? file : join(dir, file) };
}

const EXTENSIONS: Readonly<Record<string, string>> = {
  'pg-custom': 'dump',
  'pg-plain': 'sql',
  'mysql-sql': 'sql',
  sqlite: 'sqlite',
  'redis-rdb': 'rdb',
  'mongo-archive': 'archive',
  'mongo-export': 'json',
};

const FIRST_FORMAT: Readonly<Record<string, string>> = {
  postgres: 'pg-custom',
  mysql: 'mysql-sql',
  sqlite: 'sqlite',
  redis: 'redis-rdb',
  mongo: 'mongo-archive',
};

/** A fresh file name for a dump: `<container>-<database>-<UTC time>.<ext>`. */
export function backupName(input: {
  container: string;
  kind: string;
  database?: string | undefined;
  format?: string | undefined;
  now: Date;
  prefix?: string;
}): string {
  const format = input.format ?? FIRST_FORMAT[input.kind] ?? input.kind;
  const stamp = input.now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const db = input.database ? `-${input.database.split('/').pop()}` : '';
  const safe = `${input.prefix ?? ''}${input.container}${db}`
    .replace(/[^A-Za-z0-9_.-]+/g, '_')
    .replace(/^[.-]+/, '');
  return `${safe}-${stamp}.${EXTENSIONS[format] ?? 'dump'}`;
}

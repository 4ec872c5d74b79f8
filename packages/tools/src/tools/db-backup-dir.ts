import { mkdir } from 'node:fs/promises';
import { isAbsolute, join } from 'node:path';
import { berthPaths } from '@berth/config/lite';
import { containPath } from '@berth/security';
import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import { clip } from '../framework/host-param.js';
import { ToolError } from '../framework/tool-error.js';

/**
 * A backup file where berth runs (dumps stream from the container to berth's machine).
 * Relative names are under berth's backup folder; an absolute path must lie inside it or
 * one of the user file's `backupRoots`, symlinks resolved.
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

/** `file` under the folder, or as given when absolute. */
export function backupPath(dir: string, file: string): { root: string; path: string } {
  return { root: dir, path: isAbsolute(file) ? file : join(dir, file) };
}

/**
 * The destination of `file` with the allowed folder it lies in (symlinks resolved): berth's
 * own, or one the user's own config lists (never an agent's argument or a project file).
 * The adapter checks containment again when it opens the file.
 */
export async function containedBackup(call: HostCall, dir: string, file: string) {
  const { path } = backupPath(dir, file);
  const roots = [dir, ...(call.config.backupRoots?.() ?? [])];
  for (const root of roots) if ((await containPath(root, path)).inside) return { root, path };
  throw new ToolError(
    'INVALID',
    `file ${clip(file)} is outside berth's backup folders (${roots.join(', ')}); name a file inside one (backupRoots of your own config adds folders)`,
    { hinted: true },
  );
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

/**
 * A fresh file name for a dump: `<container>-<database>-<UTC time>.<ext>`, with `-2`, `-3`, ...
 * before the extension while `taken` says the name is in use (two backups in one second).
 */
export function backupName(input: {
  container: string;
  kind: string;
  database?: string | undefined;
  format?: string | undefined;
  now: Date;
  prefix?: string;
  taken?: (name: string) => boolean;
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
  const extension = EXTENSIONS[format] ?? 'dump';
  let name = `${safe}-${stamp}.${extension}`;
  // The file is still opened exclusively: a name taken meanwhile fails with CONFLICT, never overwrites.
  for (let n = 2; input.taken?.(name) && n < 1_000; n++) name = `${safe}-${stamp}-${n}.${extension}`;
  return name;
}

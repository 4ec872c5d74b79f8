import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, link, mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { containPath } from '@berth/security';
import type { BackupDestination } from './db-adapter.js';
import { DbError } from './db-error.js';

export interface WrittenFile {
  path: string;
  bytes: number;
  sha256: string;
}

/** A backup being written: bytes go to `stream`; `commit` makes the file appear whole, `abort` leaves nothing. */
export interface BackupFile {
  /** The final path, symlinks resolved. */
  readonly path: string;
  /** Write the dump here; hashing and counting happen on the way to disk. */
  readonly stream: Writable;
  commit(): Promise<WrittenFile>;
  abort(): Promise<void>;
}

/** Resolves a destination inside its root (symlinks followed, `..` refused) or throws INVALID. */
export async function containedPath(destination: BackupDestination): Promise<string> {
  const checked = await containPath(destination.root, destination.path);
  if (!checked.inside) {
    throw new DbError(
      'INVALID',
      `backup path ${JSON.stringify(destination.path)} is not inside ${JSON.stringify(destination.root)} (${checked.reason})`,
      {
        path: destination.path,
        root: destination.root,
        reason: checked.reason,
      },
    );
  }
  return checked.resolved;
}

const BUFFER_BYTES = 4 * 1024 * 1024;

const errnoOf = (error: unknown) => (error as NodeJS.ErrnoException).code;

/**
 * Opens a backup file at a contained destination: written to a temp file beside it (mode
 * 0600, since dumps hold data), then fsynced and moved into place on commit, so a reader
 * never sees half a backup and a failed dump leaves nothing behind. Without `overwrite`
 * an existing file is CONFLICT, checked again atomically at commit.
 */
export async function openBackupFile(
  destination: BackupDestination,
  options: { overwrite?: boolean } = {},
): Promise<BackupFile> {
  const path = await containedPath(destination);
  const dir = dirname(path);
  await mkdir(dir, { recursive: true });
  // The folder was just made: check again that no link made it lead elsewhere.
  const final = await containedPath({ root: destination.root, path: join(dir, basename(path)) });
  const exists = await stat(final).then(
    () => true,
    () => false,
  );
  if (exists && !options.overwrite) {
    throw new DbError('CONFLICT', `backup file ${final} exists; pass overwrite to replace it`, {
      path: final,
    });
  }
  const temp = join(dirname(final), `.${basename(final)}.partial-${randomBytes(6).toString('hex')}`);
  let handle: FileHandle;
  try {
    handle = await open(temp, 'wx', 0o600);
  } catch (error) {
    throw new DbError('WRITE_FAILED', `cannot create ${temp}: ${errnoOf(error) ?? String(error)}`, {
      path: final,
    });
  }
  const hash = createHash('sha256');
  let bytes = 0;
  // Big buffers let the next chunk arrive while the last one is written: with the 16 KiB
  // defaults every frame would wait for the disk. Memory stays bounded by them.
  const stream = new Transform({
    highWaterMark: BUFFER_BYTES,
    transform(chunk: Buffer, _encoding, callback) {
      hash.update(chunk);
      bytes += chunk.length;
      callback(null, chunk);
    },
  });
  // The stream closes the handle when it finishes; only then does `written` settle.
  const written = pipeline(stream, handle.createWriteStream({ highWaterMark: BUFFER_BYTES }));
  written.catch(() => {});
  let settled = false;
  const removeTemp = async () => {
    await handle.close().catch(() => {});
    await unlink(temp).catch(() => {});
  };
  return {
    path: final,
    stream,
    async commit() {
      if (settled)
        throw new DbError('WRITE_FAILED', `backup file ${final} was already closed`, { path: final });
      settled = true;
      try {
        stream.end();
        await written;
        const synced = await open(temp, 'r+');
        try {
          await synced.sync();
        } finally {
          await synced.close();
        }
        if (options.overwrite) await rename(temp, final);
        else {
          await link(temp, final);
          await unlink(temp);
        }
      } catch (error) {
        await removeTemp();
        const code = errnoOf(error) === 'EEXIST' ? 'CONFLICT' : 'WRITE_FAILED';
        throw new DbError(code, `cannot write backup file ${final}: ${errnoOf(error) ?? String(error)}`, {
          path: final,
        });
      }
      return { path: final, bytes, sha256: hash.digest('hex') };
    },
    async abort() {
      if (settled) return;
      settled = true;
      stream.destroy();
      await written.catch(() => {});
      await removeTemp();
    },
  };
}

/** Size and sha256 of a contained file, read as a stream (a restore's source). */
export async function describeFile(destination: BackupDestination): Promise<WrittenFile> {
  const path = await containedPath(destination);
  const info = await stat(path).catch(() => undefined);
  if (!info?.isFile()) throw new DbError('NOT_FOUND', `no backup file at ${path}`, { path });
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { path, bytes, sha256: hash.digest('hex') };
}

import { constants } from 'node:fs';
import { type FileHandle, lstat, open } from 'node:fs/promises';

/** The largest config file berth reads: a config holds profiles, not data. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

export type ConfigReadFailure =
  | 'missing'
  | 'symlink'
  | 'not-regular'
  | 'not-owned'
  | 'too-large'
  | 'unreadable';

export type ConfigRead =
  | { ok: true; text: string; mode: number }
  | { ok: false; reason: ConfigReadFailure; message: string };

const fail = (reason: ConfigReadFailure, message: string): ConfigRead => ({ ok: false, reason, message });

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MiB` : `${bytes} bytes`;
}

const tooLarge = (bytes: number) =>
  fail(
    'too-large',
    `${sizeText(bytes)}, larger than the 1 MiB berth reads; a config file holds profiles, not data`,
  );

/** At most `MAX_CONFIG_BYTES + 1` bytes: a file that grows (or lies about its size) still ends the read. */
async function readBounded(handle: FileHandle): Promise<Buffer | undefined> {
  const buffer = Buffer.alloc(MAX_CONFIG_BYTES + 1);
  let filled = 0;
  while (filled < buffer.length) {
    const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
    if (bytesRead === 0) break;
    filled += bytesRead;
  }
  return filled > MAX_CONFIG_BYTES ? undefined : buffer.subarray(0, filled);
}

async function readOpened(path: string, flags: number, owned: boolean): Promise<ConfigRead> {
  let handle: FileHandle;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer; regular files ignore it.
    handle = await open(path, flags | constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fail('missing', 'file not found');
    if (code === 'ELOOP') return fail('symlink', 'is a symlink');
    return fail('unreadable', `cannot read: ${(error as Error).message}`);
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return fail('not-regular', 'not a regular file');
    if (owned && process.getuid && info.uid !== process.getuid())
      return fail('not-owned', 'owned by another user');
    if (info.size > MAX_CONFIG_BYTES) return tooLarge(info.size);
    const bytes = await readBounded(handle);
    if (!bytes) return tooLarge(MAX_CONFIG_BYTES + 1);
    return { ok: true, text: bytes.toString('utf8'), mode: info.mode & 0o7777 };
  } catch (error) {
    return fail('unreadable', `cannot read: ${(error as Error).message}`);
  } finally {
    await handle.close();
  }
}

/** A config file to load: symlinks are followed (dotfiles), but only a regular file of at most 1 MiB is read. */
export function readConfigFile(path: string): Promise<ConfigRead> {
  return readOpened(path, 0, false);
}

/**
 * A config file to edit: the path itself must be a regular file the current user owns,
 * never a symlink, so an edit cannot land in a file the link points to.
 */
export async function readOwnedConfigFile(path: string): Promise<ConfigRead> {
  try {
    const info = await lstat(path);
    if (info.isSymbolicLink()) return fail('symlink', 'is a symlink');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return fail('missing', 'file not found');
    return fail('unreadable', `cannot read: ${(error as Error).message}`);
  }
  // O_NOFOLLOW closes the gap between the lstat and the open.
  return readOpened(path, constants.O_NOFOLLOW, true);
}

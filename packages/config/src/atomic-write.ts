import { randomBytes } from 'node:crypto';
import { chmod, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ConfigError } from './config-error.js';

export interface AtomicWriteOptions {
  /** File mode of the result; the caller passes the original file's mode. */
  mode: number;
  /** Checked against the temporary file's bytes before the rename; false aborts the write. */
  verify?: (written: string) => boolean;
}

/**
 * Writes `text` to a temporary file in the same directory, fsyncs it, reads it back, then
 * renames it over `file`. A reader sees the old file or the new one, never half of either;
 * on any failure the original is untouched and the temporary file is removed.
 */
export async function writeFileAtomic(file: string, text: string, { mode, verify }: AtomicWriteOptions) {
  const dir = dirname(file);
  const temp = join(dir, `.${basename(file)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open() applies the umask; set the mode explicitly so the original's mode survives.
    await chmod(temp, mode);
    const written = await readFile(temp, 'utf8');
    if (written !== text || (verify && !verify(written))) {
      throw new ConfigError('VERIFY_FAILED', `${temp} did not read back as written`, { file });
    }
    await rename(temp, file);
    renamed = true;
    await syncDirectory(dir);
  } catch (error) {
    if (!renamed) await unlink(temp).catch(() => undefined);
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(
      'WRITE_FAILED',
      `cannot write ${file}: ${(error as Error).message}`,
      { file },
      { cause: error },
    );
  }
}

/** Makes the rename itself durable; some filesystems refuse to open directories, which is fine. */
async function syncDirectory(dir: string) {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Best effort: the rename already happened; only durability across a power cut is at stake.
  }
}

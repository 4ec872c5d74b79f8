import { readdir, readFile } from 'node:fs/promises';
import { DiscoveryError } from './discovery-error.js';
import type { FileSource } from './file-source.js';

/** Compose and env files are text of a few KiB; a larger one is not a compose file. */
export const MAX_COMPOSE_FILE_BYTES = 4 * 1024 * 1024;

const absent = (error: unknown) => {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** Files on this machine's disk. */
export function localFileSource(): FileSource {
  return {
    async readText(path, signal) {
      try {
        const bytes = await readFile(path, signal ? { signal } : {});
        if (bytes.length > MAX_COMPOSE_FILE_BYTES) {
          throw new DiscoveryError('READ_FAILED', `${path}: larger than 4 MiB, not a compose or env file`, {
            file: path,
          });
        }
        return bytes.toString('utf8');
      } catch (error) {
        if (error instanceof DiscoveryError) throw error;
        if (absent(error)) return undefined;
        if ((error as Error).name === 'AbortError') {
          throw new DiscoveryError(
            'CANCELLED',
            `reading ${path} was cancelled`,
            { file: path },
            { cause: error },
          );
        }
        throw new DiscoveryError(
          'READ_FAILED',
          `${path}: ${(error as Error).message}`,
          { file: path },
          { cause: error },
        );
      }
    },
    async list(dir) {
      try {
        return await readdir(dir);
      } catch (error) {
        if (absent(error)) return undefined;
        throw new DiscoveryError(
          'READ_FAILED',
          `${dir}: ${(error as Error).message}`,
          { file: dir },
          { cause: error },
        );
      }
    },
  };
}

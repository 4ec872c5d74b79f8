import type { RunResult } from '@berth/client-pool';
import { isBerthError } from '@berth/errors';
import { DiscoveryError } from './discovery-error.js';
import type { FileSource } from './file-source.js';
import { MAX_COMPOSE_FILE_BYTES } from './local-file-source.js';
import type { HostRunner } from './remote-stacks.js';

export interface HostFileSourceOptions {
  /** Deadline of one command; default: the runner's. */
  timeoutMs?: number;
}

/** An absolute path without NUL or newline: after `--` it can never be read as an option. */
function hostPath(path: string): string {
  if (!path.startsWith('/') || /[\0\n]/.test(path)) {
    throw new DiscoveryError('INVALID', `not an absolute host path: ${JSON.stringify(path)}`, { file: path });
  }
  return path;
}

const MISSING = /No such file or directory|Not a directory/;

/**
 * Files on an engine's host, read through the host's `run(argv)`: `cat -- <path>` and
 * `ls -1A -- <dir>`, never a shell line. A missing path is undefined; any other failure
 * is READ_FAILED with the command's message.
 */
export function hostFileSource(host: HostRunner, options: HostFileSourceOptions = {}): FileSource {
  const run = async (argv: string[], signal?: AbortSignal): Promise<RunResult> => {
    try {
      return await host.run(argv, {
        maxOutputBytes: MAX_COMPOSE_FILE_BYTES,
        ...(signal ? { signal } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
      });
    } catch (error) {
      if (isBerthError(error) && (error.code === 'CANCELLED' || error.code === 'TIMEOUT')) {
        throw new DiscoveryError(error.code, error.message, { command: argv[0] }, { cause: error });
      }
      throw new DiscoveryError(
        'READ_FAILED',
        `${argv.join(' ')}: ${(error as Error).message}`,
        {},
        { cause: error },
      );
    }
  };
  const failed = (path: string, result: RunResult) =>
    new DiscoveryError(
      'READ_FAILED',
      `${path}: ${result.stderr.trim().split('\n')[0] || `exit ${result.exitCode}`}`,
      {
        file: path,
      },
    );
  return {
    async readText(path, signal) {
      const result = await run(['cat', '--', hostPath(path)], signal);
      if (result.exitCode === 0) {
        if (result.truncated)
          throw new DiscoveryError('READ_FAILED', `${path}: larger than 4 MiB`, { file: path });
        return result.stdout;
      }
      if (MISSING.test(result.stderr)) return undefined;
      throw failed(path, result);
    },
    async list(dir, signal) {
      const result = await run(['ls', '-1A', '--', hostPath(dir)], signal);
      if (result.exitCode === 0) return result.stdout.split('\n').filter((name) => name !== '');
      if (MISSING.test(result.stderr)) return undefined;
      throw failed(dir, result);
    },
  };
}

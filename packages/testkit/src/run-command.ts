import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { TestkitError } from './testkit-error.js';

export interface RunCommandOptions {
  /** Kill the process after this long. Every command has a timeout. */
  timeoutMs: number;
  /** Data or a stream piped to stdin. */
  input?: string | Readable;
  /** Extra environment on top of the allowlist. */
  env?: Record<string, string>;
  cwd?: string;
  /** Throw TestkitError COMMAND_FAILED on a non-zero exit (default true). */
  check?: boolean;
  /** Keep at most this many bytes of each output stream (default 4 MiB). */
  maxOutputBytes?: number;
}

export interface CommandResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Child processes get an allowlisted environment, never all of process.env: secrets in it must not reach them. */
const ALLOWED_ENV = ['PATH', 'HOME', 'LANG', 'LC_ALL', 'TMPDIR', 'DOCKER_HOST', 'DOCKER_CONFIG', 'USER'];

export function allowlistedEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const key of ALLOWED_ENV) {
    const value = process.env[key];
    if (value !== undefined) env[key] = value;
  }
  return { ...env, ...extra };
}

/** Runs argv without a shell. Rejects with TIMEOUT, or COMMAND_FAILED when `check` is on. */
export function runCommand(argv: readonly string[], options: RunCommandOptions): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (file === undefined) throw new TypeError('runCommand needs a non-empty argv');
  const cap = options.maxOutputBytes ?? 4 * 1024 * 1024;
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      shell: false,
      cwd: options.cwd,
      env: allowlistedEnv(options.env),
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let outBytes = 0;
    let errBytes = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      if (outBytes < cap) out.push(chunk);
      outBytes += chunk.length;
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (errBytes < cap) err.push(chunk);
      errBytes += chunk.length;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new TestkitError('TIMEOUT', `${argv.join(' ')} did not finish within ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(
        new TestkitError('COMMAND_FAILED', `${file} could not start: ${error.message}`, { cause: error }),
      );
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = {
        exitCode: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      };
      if ((options.check ?? true) && result.exitCode !== 0) {
        const tail = result.stderr.trim().split('\n').slice(-5).join('\n');
        reject(
          new TestkitError('COMMAND_FAILED', `${argv.join(' ')} exited ${result.exitCode}: ${tail}`, {
            cause: result,
          }),
        );
        return;
      }
      resolve(result);
    });
    // A command that exits before it reads its input closes the pipe: its exit code and
    // stderr say why, where an EPIPE left unhandled would end the test worker instead.
    child.stdin.on('error', () => undefined);
    if (typeof options.input === 'string') child.stdin.end(options.input);
    else if (options.input) options.input.pipe(child.stdin);
    else child.stdin.end();
  });
}

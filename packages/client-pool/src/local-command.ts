import { constants } from 'node:os';
import { Deadline } from './abortable.js';
import { ClientPoolError } from './client-pool-error.js';
import { OutputBuffer } from './output-buffer.js';
import { DEFAULT_MAX_OUTPUT_BYTES, type RunOptions, type RunResult } from './run-result.js';

/** Child processes get these variables from the injected env, never all of it: its secrets stay with berth. */
const ALLOWED_ENV = [
  'PATH',
  'HOME',
  'USER',
  'LOGNAME',
  'LANG',
  'LC_ALL',
  'LC_CTYPE',
  'TZ',
  'TMPDIR',
  'DOCKER_CONFIG',
];

export function allowlistedEnv(
  env: NodeJS.ProcessEnv,
  extra: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of ALLOWED_ENV) {
    const value = env[key];
    if (value !== undefined) out[key] = value;
  }
  return { ...out, ...extra };
}

/** Runs argv on this machine without a shell; DOCKER_HOST points at the profile's socket. */
export async function runLocally(
  argv: readonly string[],
  options: RunOptions & { timeoutMs: number; profile: string; env: Record<string, string> },
): Promise<RunResult> {
  // Loaded by the first local command, not with the pool: most runs of an app start none.
  const { spawn } = await import('node:child_process');
  const [file, ...args] = argv;
  const what = `command ${JSON.stringify(file)} on profile "${options.profile}"`;
  const deadline = new Deadline(what, options.timeoutMs, options.signal, { profile: options.profile });
  const cap = options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES;
  const stdout = new OutputBuffer(cap);
  const stderr = new OutputBuffer(cap);
  return new Promise<RunResult>((resolve, reject) => {
    if (file === undefined) {
      deadline.dispose();
      reject(new ClientPoolError('CONFIG', 'run() needs a non-empty argv', { profile: options.profile }));
      return;
    }
    const child = spawn(file, args, { shell: false, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    const onAbort = () => {
      child.kill('SIGKILL');
      reject(deadline.error());
    };
    if (deadline.signal.aborted) onAbort();
    else deadline.signal.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      options.onStdout?.(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      options.onStderr?.(chunk);
    });
    // A command that exits without reading its input must not fail the run.
    child.stdin.on('error', () => {});
    child.on('error', (error) => {
      deadline.dispose();
      reject(
        new ClientPoolError(
          'CONFIG',
          `${what} could not start: ${error.message}`,
          { profile: options.profile },
          { cause: error },
        ),
      );
    });
    child.on('close', (code, signal) => {
      deadline.signal.removeEventListener('abort', onAbort);
      deadline.dispose();
      const bySignal = signal ? constants.signals[signal] : undefined;
      resolve({
        exitCode: code ?? (bySignal === undefined ? 255 : 128 + bySignal),
        stdout: stdout.text(),
        stderr: stderr.text(),
        truncated: stdout.truncated || stderr.truncated,
      });
    });
    if (options.input !== undefined) child.stdin.end(options.input);
    else child.stdin.end();
  });
}

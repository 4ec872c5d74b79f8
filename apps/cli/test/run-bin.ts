import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const bin = fileURLToPath(new URL('../dist/bin.cjs', import.meta.url));
const ptyHelper = fileURLToPath(new URL('./pty-run.py', import.meta.url));

export interface BinResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface BinOptions {
  env?: Record<string, string>;
  input?: string;
  timeoutMs?: number;
  /** Flags for node itself, before the bin (`--import`). */
  nodeArgs?: string[];
}

/** The environment of a run: PATH, a HOME of the test's own, the engine the suite uses. */
export function binEnv(home: string, extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? '', HOME: home, ...extra };
  if (process.env.DOCKER_HOST && !extra.DOCKER_HOST) env.DOCKER_HOST = process.env.DOCKER_HOST;
  return env;
}

function collect(child: ChildProcess, timeoutMs: number): Promise<BinResult> {
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (c: string) => {
    stdout += c;
  });
  child.stderr?.setEncoding('utf8').on('data', (c: string) => {
    stderr += c;
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The built bin, spawned as a script would: pipes, no terminal; stdin given or closed. */
export function runBin(argv: string[], options: BinOptions = {}): Promise<BinResult> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), bin, ...argv], {
    env: options.env ?? binEnv(process.env.HOME ?? '/tmp'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  // A bin that exits before it reads its input closes the pipe: its exit code and stderr say
  // why, where an EPIPE left unhandled would end the test worker instead.
  child.stdin?.on('error', () => undefined);
  child.stdin?.end(options.input ?? '');
  return collect(child, options.timeoutMs ?? 60_000);
}

/** The bin left running (logs -f, stats): the caller signals it and awaits `done`. */
export function startBin(argv: string[], options: BinOptions = {}) {
  const child = spawn(process.execPath, [bin, ...argv], {
    env: options.env ?? binEnv(process.env.HOME ?? '/tmp'),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const done = collect(child, options.timeoutMs ?? 60_000);
  let out = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString();
  });
  return { child, done, output: () => out };
}

/**
 * The bin under a pseudo-terminal (Python's pty module, argv only): each `[expect, send]`
 * pair waits for `expect` in the output, then types `send`. Resolves with the terminal's
 * whole output (stdout and stderr together, as a person sees them).
 */
export function runInPty(
  argv: string[],
  script: [string, string][],
  options: BinOptions = {},
): Promise<BinResult> {
  const child = spawn(
    'python3',
    [ptyHelper, String(script.length), ...script.flat(), process.execPath, bin, ...argv],
    {
      env: {
        ...(options.env ?? binEnv(process.env.HOME ?? '/tmp')),
        TERM: 'xterm-256color',
        COLUMNS: '120',
        LINES: '40',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  return collect(child, options.timeoutMs ?? 60_000);
}

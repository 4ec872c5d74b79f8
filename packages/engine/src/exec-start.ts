import type { Duplex, Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { type CallOptions, DEFAULT_TIMEOUT_MS, Deadline } from './call-options.js';
import { CappedBuffer } from './capped-buffer.js';
import { EngineError } from './engine-error.js';
import { engineRequest, engineStream, pathOf } from './engine-request.js';
import { type ExecTicket, freezeGuardOf } from './freeze-guard.js';
import { assertAbsolutePath, assertArgv, assertRef, assertUser, envList } from './input-guards.js';

/** What `execInContainer` and `execStream` share; `stdin` only says whether to attach it. */
export interface ExecStartOptions extends CallOptions {
  env?: Record<string, string>;
  user?: string;
  workdir?: string;
  stdin?: unknown;
  requestTimeoutMs?: number;
}

/** What the exec captured; the same fields in `execInContainer`'s and `execStream`'s results. */
export interface ExecCaptured {
  stdout: string;
  stderr: string;
  truncated: boolean;
  stdoutBytes: number;
  stderrBytes: number;
}

/** A started exec: its raw multiplexed stream and what the caller needs to finish it. */
export interface StartedExec {
  execId: string;
  /** `exec "<argv0>" in container <ref>`, the start of every error message. */
  what: string;
  /** Bounds the whole exec, exit code included; `withExec` disposes it once the exec is over. */
  deadline: Deadline;
  /** Its place in the engine's freeze guard; `withExec` ends it once the exec is over. */
  ticket: ExecTicket;
  /** Hijacked (a Duplex) when `stdin` is given, so it can be written and half-closed. */
  stream: Readable & Partial<Duplex>;
  /** Where the caller keeps stdout and stderr, each capped at `captureBytes`. */
  out: CappedBuffer;
  err: CappedBuffer;
  /** The error data with the output so far. */
  partial(): Record<string, unknown>;
  /** Once the output ended: TIMEOUT/CANCELLED if the deadline fired, else the real exit code. */
  exitCode(): Promise<number>;
  captured(): ExecCaptured;
}

/**
 * Creates and starts an exec of argv in a running container (no TTY), with a deadline of
 * `options.timeoutMs` or `defaults.timeoutMs`; each request on the way is capped by
 * `requestTimeoutMs`. Failures past the deadline are TIMEOUT/CANCELLED.
 */
async function startExec(
  docker: Docker,
  container: string,
  argv: string[],
  options: ExecStartOptions,
  defaults: { timeoutMs: number; captureBytes: number },
): Promise<StartedExec> {
  const ref = assertRef('container', container);
  const cmd = assertArgv(argv, 'argv');
  const body = {
    AttachStdin: options.stdin !== undefined,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
    Cmd: cmd,
    ...(options.env ? { Env: envList(options.env) } : {}),
    ...(options.user ? { User: assertUser(options.user) } : {}),
    ...(options.workdir ? { WorkingDir: assertAbsolutePath(options.workdir, 'workdir') } : {}),
  };
  const what = `exec ${JSON.stringify(cmd[0])} in container ${ref}`;
  const deadline = new Deadline(options, defaults.timeoutMs, what);
  const call = {
    signal: deadline.signal,
    timeoutMs: Math.min(deadline.timeoutMs, options.requestTimeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
  const createData = { resource: 'container', ref, operation: 'container.exec' };
  // A pause of this process on the way goes first (see FreezeGuard).
  const ticket = await freezeGuardOf(docker)
    .execStarting(deadline.signal)
    .catch((error: unknown) => {
      deadline.dispose();
      throw deadline.reason(createData) ?? error;
    });
  const created = await engineRequest<{ Id: string }>(
    docker,
    { method: 'POST', path: pathOf`/containers/${ref}/exec`, body, what, data: createData },
    call,
  ).catch((error: unknown) => {
    ticket.end();
    deadline.dispose();
    throw deadline.reason(createData) ?? error;
  });
  const execId = created.Id;
  ticket.created(execId);
  const data = { resource: 'exec', ref, execId, operation: 'container.exec' };
  const stream = (await engineStream(
    docker,
    {
      method: 'POST',
      path: pathOf`/exec/${execId}/start`,
      body: { Detach: false, Tty: false },
      // stdin needs the hijacked (upgraded) connection; output alone does not.
      hijack: options.stdin !== undefined,
      what,
      data,
    },
    call,
  ).catch((error: unknown) => {
    ticket.end();
    deadline.dispose();
    throw deadline.reason(data) ?? error;
  })) as Readable & Partial<Duplex>;
  const out = new CappedBuffer(defaults.captureBytes);
  const err = new CappedBuffer(defaults.captureBytes);
  const partial = () => ({ ...data, stdout: out.text(), stderr: err.text() });
  return {
    execId,
    what,
    deadline,
    ticket,
    stream,
    out,
    err,
    partial,
    exitCode: () => {
      deadline.throwIfAborted(partial());
      return exitCodeOf(docker, execId, what, call, deadline);
    },
    captured: () => ({
      stdout: out.text(),
      stderr: err.text(),
      truncated: out.truncated || err.truncated,
      stdoutBytes: out.total,
      stderrBytes: err.total,
    }),
  };
}

/**
 * Starts an exec, hands it to `use` (which reads its output and exit code) and disposes its
 * deadline once `use` settles, so the caller's signal keeps no listener after the exec; a
 * pause of this process no longer waits for it from then on.
 */
export async function withExec<T>(
  docker: Docker,
  container: string,
  argv: string[],
  options: ExecStartOptions,
  defaults: { timeoutMs: number; captureBytes: number },
  use: (exec: StartedExec) => Promise<T>,
): Promise<T> {
  const exec = await startExec(docker, container, argv, options, defaults);
  try {
    return await use(exec);
  } finally {
    exec.ticket.end();
    exec.deadline.dispose();
  }
}

/** The exit code from exec inspect; the engine may report it a moment after the stream ends. */
export async function exitCodeOf(
  docker: Docker,
  execId: string,
  what: string,
  call: CallOptions,
  deadline: Deadline,
): Promise<number> {
  for (let wait = 5; ; wait = Math.min(wait * 2, 200)) {
    const info = await inspectExec(docker, execId, `${what}: read exit code`, call).catch(
      (error: unknown) => {
        throw deadline.reason({ execId }) ?? error;
      },
    );
    if (!info.Running && typeof info.ExitCode === 'number') return info.ExitCode;
    await sleep(wait, undefined, { signal: deadline.signal }).catch(() => {
      throw deadline.reason({ execId }) ?? new EngineError('ENGINE', `${what}: no exit code`, { execId });
    });
  }
}

/** Exec inspect: whether it runs, its pid once the runtime started it, its exit code once it exited. */
export function inspectExec(
  docker: Docker,
  execId: string,
  what: string,
  call: CallOptions,
): Promise<{ Running: boolean; Pid?: number; ExitCode: number | null }> {
  return engineRequest(
    docker,
    { method: 'GET', path: pathOf`/exec/${execId}/json`, what, data: { resource: 'exec', ref: execId } },
    call,
  );
}

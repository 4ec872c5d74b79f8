import type { RunResult } from '@berth/client-pool';
import { type HostEngine, isEngineError, LineSplitter } from '@berth/engine';
import { type Masker, sanitizeText } from '@berth/security';
import type { Logger } from 'pino';
import type { JobControl } from './compose-driver-types.js';
import { ComposeError, type ComposeErrorCode, type ComposeErrorData } from './compose-error.js';

/** What every compose command of one driver runs with. */
export interface RunContext {
  host: HostEngine;
  masker: Masker;
  logger: Logger;
  maxOutputBytes: number;
}

export interface ComposeRun {
  operation: string;
  project?: string;
  control?: JobControl;
  /** Deadline when the caller gives none. */
  defaultTimeoutMs: number;
  /** Written to compose's stdin. */
  input?: string;
}

/** Progress lines are cut here: a line of compose output longer than this is no progress report. */
const MAX_PROGRESS_LINE_BYTES = 16 * 1024;
/** How much of compose's stderr an error message carries: its end, where the reason is. */
const MAX_MESSAGE_STDERR = 2000;

/** Compose's output as an agent may read it: known and key-named secrets masked, terminal escapes gone. */
export function cleanText(masker: Masker, text: string): string {
  return sanitizeText(masker.maskText(text));
}

function progressSink(
  ctx: RunContext,
  stream: 'stdout' | 'stderr',
  onProgress: NonNullable<JobControl['onProgress']>,
): { push(chunk: Buffer): void; flush(): void } {
  const splitter = new LineSplitter(MAX_PROGRESS_LINE_BYTES);
  const emit = (lines: { text: string }[]) => {
    for (const { text } of lines) {
      // A failing listener must not throw inside the stream's data handler (that would crash the process).
      try {
        onProgress({ stream, line: cleanText(ctx.masker, text) });
      } catch (error) {
        ctx.logger.warn({ err: error }, 'compose progress listener threw');
      }
    }
  };
  return { push: (chunk) => emit(splitter.push(chunk)), flush: () => emit(splitter.flush()) };
}

/** Maps a failure of `host.run` (an EngineError) to the job's code, keeping the transport's reason. */
function runFailure(error: unknown, data: ComposeErrorData, what: string): ComposeError {
  if (!isEngineError(error)) {
    return new ComposeError('ENGINE', `${what} failed: ${String(error)}`, data, { cause: error });
  }
  const poolCode = error.data.poolCode;
  const code: ComposeErrorCode =
    poolCode === 'UNSUPPORTED'
      ? 'UNSUPPORTED'
      : error.code === 'TIMEOUT' ||
          error.code === 'CANCELLED' ||
          error.code === 'UNREACHABLE' ||
          error.code === 'DENIED'
        ? error.code
        : 'ENGINE';
  const killed =
    code === 'TIMEOUT' || code === 'CANCELLED' ? '; the compose process on the host was killed' : '';
  return new ComposeError(code, `${what}: ${error.message}${killed}`, data, { cause: error });
}

/** Compose's stderr reduced to its last lines, masked, for an error message. */
export function stderrTail(masker: Masker, stderr: string): string {
  const text = cleanText(masker, stderr).trim();
  return text.length > MAX_MESSAGE_STDERR ? `...${text.slice(-MAX_MESSAGE_STDERR)}` : text;
}

/** The code of a compose failure, from what compose said. */
export function failureCode(stderr: string): ComposeErrorCode {
  if (
    /no such service|no configuration file provided|can't find a suitable configuration file|no such file or directory/i.test(
      stderr,
    )
  ) {
    return 'NOT_FOUND';
  }
  return 'ENGINE';
}

/**
 * Runs one compose argv on the driver's host: output streamed to `onProgress` line by line
 * (masked), the deadline and the caller's signal bound (either kills the process on the
 * host), and a non-zero exit turned into a ComposeError carrying compose's masked stderr.
 * With `allowFailure` the caller sees the exit code instead.
 */
export async function runCompose(
  ctx: RunContext,
  argv: string[],
  run: ComposeRun,
  allowFailure = false,
): Promise<RunResult> {
  const { control } = run;
  const data: ComposeErrorData = {
    profile: ctx.host.profile,
    operation: run.operation,
    ...(run.project === undefined ? {} : { project: run.project }),
  };
  const what = `compose ${run.operation}${run.project ? ` of project "${run.project}"` : ''} on profile "${ctx.host.profile}"`;
  const timeoutMs = control?.timeoutMs ?? run.defaultTimeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new ComposeError('INVALID', `${what}: timeoutMs must be a positive number of milliseconds`, data);
  }
  const onProgress = control?.onProgress;
  const out = onProgress ? progressSink(ctx, 'stdout', onProgress) : undefined;
  const err = onProgress ? progressSink(ctx, 'stderr', onProgress) : undefined;
  ctx.logger.debug({ argv: ctx.masker.maskArgv(argv), profile: ctx.host.profile }, 'compose run');
  let result: RunResult;
  try {
    result = await ctx.host.run(argv, {
      timeoutMs,
      maxOutputBytes: ctx.maxOutputBytes,
      ...(control?.signal ? { signal: control.signal } : {}),
      ...(run.input === undefined ? {} : { input: run.input }),
      ...(out && err ? { onStdout: (c: Buffer) => out.push(c), onStderr: (c: Buffer) => err.push(c) } : {}),
    });
  } catch (error) {
    throw runFailure(error, data, what);
  } finally {
    out?.flush();
    err?.flush();
  }
  if (result.exitCode !== 0 && !allowFailure) {
    const tail = stderrTail(ctx.masker, result.stderr || result.stdout);
    throw new ComposeError(failureCode(tail), `${what} failed (exit ${result.exitCode}): ${tail}`, {
      ...data,
      exitCode: result.exitCode,
    });
  }
  return result;
}

import { Readable, type Writable } from 'node:stream';
import type { ExecStreamResult } from '@berth/engine';
import { isBerthError } from '@berth/errors';
import { sanitizeText } from '@berth/security';
import type { DbAdapterContext, DbCallOptions } from './db-adapter.js';
import { DbError, type DbErrorCode } from './db-error.js';

/** One database program run by exec in the container: argv, env, streams. */
export interface DbCommand {
  /** Argv; passwords never go here (use `env` or `stdin`). */
  argv: string[];
  /** Exec environment: `PGPASSWORD`, `MYSQL_PWD`, `REDISCLI_AUTH`, ... */
  env?: Record<string, string>;
  /** Text or a stream for the program's stdin (query text, a dump to restore). */
  stdin?: string | Buffer | Readable;
  /** Where stdout streams (a backup file); without it stdout is captured up to `maxCapturedBytes`. */
  stdout?: Writable;
  /** What this is, for messages: "pg_dump of database app". */
  what: string;
  user?: string;
  /** Cap of captured stdout and stderr; default 64 KiB. */
  maxCapturedBytes?: number;
  /**
   * A program that reports some failures on stderr and still exits 0: a match on stderr
   * fails the command like a non-zero exit.
   */
  failOnStderr?: RegExp;
}

export interface DbCommandResult extends ExecStreamResult {}

/** Engine error codes that pass through as they are; anything else is ENGINE. */
/**
 * Deadline of a command that neither streams a dump in nor out (a query, a status probe, a
 * listing) when the caller gives none. Streams keep the engine's long transfer default; a
 * short command must not: an exec frozen with its container (paused mid-command) would
 * otherwise hold the call for the whole transfer default.
 */
export const DEFAULT_DB_COMMAND_TIMEOUT_MS = 60_000;

const PASSED: ReadonlySet<string> = new Set([
  'NOT_FOUND',
  'CONFLICT',
  'TIMEOUT',
  'CANCELLED',
  'UNREACHABLE',
  'DENIED',
  'INVALID',
  'ENGINE',
]);

/** The engine's or a program's text as it may appear in a message: masked, controls shown, bounded. */
export function shownText(context: Pick<DbAdapterContext, 'masker'>, text: string, max = 2000): string {
  const masked = sanitizeText(context.masker.maskText(text.trim()));
  return masked.length > max ? `${masked.slice(0, max)}…` : masked;
}

/** A DbError whose message and data went through the masker. */
export function dbError(
  context: Pick<DbAdapterContext, 'masker'>,
  code: DbErrorCode,
  message: string,
  data: Record<string, unknown> = {},
): DbError {
  const masked = JSON.parse(context.masker.maskText(JSON.stringify(data))) as Record<string, unknown>;
  return new DbError(code, shownText(context, message, 4000), masked);
}

/**
 * Runs a database program in the adapter's container and returns its result only when it
 * succeeded: a non-zero exit code (or an error `failOnStderr` finds) is a DATABASE error
 * carrying the program's own stderr, masked. Engine failures become DbError with their code.
 */
export async function runDbCommand(
  context: DbAdapterContext,
  command: DbCommand,
  options: DbCallOptions = {},
): Promise<DbCommandResult> {
  const stdin =
    command.stdin === undefined || command.stdin instanceof Readable
      ? command.stdin
      : Readable.from([Buffer.from(command.stdin)]);
  const streams = command.stdout !== undefined || command.stdin instanceof Readable;
  const timeoutMs = options.timeoutMs ?? (streams ? undefined : DEFAULT_DB_COMMAND_TIMEOUT_MS);
  context.logger.debug({ argv: context.masker.maskArgv(command.argv), what: command.what }, 'db exec');
  let result: ExecStreamResult;
  try {
    result = await context.engine.execStream(context.container, command.argv, {
      ...(command.env ? { env: command.env } : {}),
      ...(stdin ? { stdin } : {}),
      ...(command.stdout ? { stdout: command.stdout } : {}),
      ...(command.user ? { user: command.user } : {}),
      ...(command.maxCapturedBytes ? { maxCapturedBytes: command.maxCapturedBytes } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  } catch (error) {
    const code = isBerthError(error) && PASSED.has(error.code) ? (error.code as DbErrorCode) : 'ENGINE';
    const message = error instanceof Error ? error.message : String(error);
    // No `cause`: the engine's error carries the partial output unmasked in its data. Its
    // pool verdict (an SSH host key or login refused) is kept, so the reader sees which.
    const poolCode = isBerthError(error) ? error.data.poolCode : undefined;
    throw dbError(context, code, `${command.what}: ${message}`, {
      container: context.container,
      ...(typeof poolCode === 'string' ? { poolCode } : {}),
    });
  }
  const stderrFailure = command.failOnStderr?.test(result.stderr) ?? false;
  if (result.exitCode !== 0 || stderrFailure) {
    const said = shownText(context, result.stderr || result.stdout) || 'no message';
    const how = result.exitCode !== 0 ? `exit code ${result.exitCode}` : 'an error on stderr';
    throw dbError(context, 'DATABASE', `${command.what} failed (${how}): ${said}`, {
      container: context.container,
      exitCode: result.exitCode,
      program: command.argv[0],
    });
  }
  return result;
}

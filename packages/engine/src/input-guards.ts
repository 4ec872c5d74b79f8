import {
  assertNotFlag,
  assertSafeName,
  SecurityError,
  assertImageRef as securityImageRef,
} from '@berth/security';
import { EngineError } from './engine-error.js';

/*
 * Checks run before anything reaches the engine (DESIGN.md: a value starting with `-`
 * never reaches a flag position; NUL is rejected). The engine API has no flags, but the
 * same values end up in CLI commands, logs and SSH command lines elsewhere in berth, so
 * they are refused at the door. Names, image references and flags use @berth/security's
 * shared guards; their SecurityError becomes an INVALID EngineError here.
 */

function shared(check: () => void, data: Record<string, unknown>): void {
  try {
    check();
  } catch (error) {
    if (error instanceof SecurityError) {
      throw new EngineError(
        'INVALID',
        error.message,
        { ...data, securityCode: error.code },
        { cause: error },
      );
    }
    throw error;
  }
}

function invalid(message: string, data: Record<string, unknown>): never {
  throw new EngineError('INVALID', message, data);
}

function assertText(kind: string, value: unknown, field = kind): asserts value is string {
  if (typeof value !== 'string' || value === '') invalid(`${field} must be a non-empty string`, { field });
  if (value.includes('\0')) invalid(`${field} must not contain a NUL byte`, { field });
}

/** A container, volume, network or exec id or name. */
export function assertRef(kind: string, value: unknown): string {
  assertText(kind, value);
  // Docker shows names with a leading slash; accept it and strip it.
  const ref = value.startsWith('/') ? value.slice(1) : value;
  shared(() => assertSafeName(ref, kind), { resource: kind, ref: value });
  return ref;
}

export function assertImageRef(value: unknown, field = 'image'): string {
  assertText(field, value);
  shared(() => securityImageRef(value, field), { resource: 'image', ref: value });
  return value;
}

/** A command as argv: a non-empty array of strings, never one string a shell would split. */
export function assertArgv(value: unknown, field = 'cmd'): string[] {
  if (!Array.isArray(value) || value.length === 0) {
    invalid(`${field} must be a non-empty array of strings (argv), not a command line`, { field });
  }
  value.forEach((arg, i) => {
    if (typeof arg !== 'string') invalid(`${field}[${i}] must be a string`, { field });
    if (arg.includes('\0')) invalid(`${field}[${i}] must not contain a NUL byte`, { field });
  });
  const program = value[0] as string;
  if (program === '') invalid(`${field}[0] must name a program`, { field });
  shared(() => assertNotFlag(program, `${field}[0]`), { field });
  return value as string[];
}

const ENV_KEY = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Environment as `KEY=value` strings for the engine. */
export function envList(env: Record<string, string> | undefined, field = 'env'): string[] | undefined {
  if (env === undefined) return undefined;
  return Object.entries(env).map(([key, value]) => {
    if (!ENV_KEY.test(key)) invalid(`${field} key "${key}" is not a valid variable name`, { field });
    if (typeof value !== 'string' || value.includes('\0')) {
      invalid(`${field}.${key} must be a string without NUL bytes`, { field });
    }
    return `${key}=${value}`;
  });
}

export function assertLabels(labels: Record<string, string> | undefined): Record<string, string> | undefined {
  if (labels === undefined) return undefined;
  for (const [key, value] of Object.entries(labels)) {
    if (key === '' || key.includes('\0') || key.startsWith('-'))
      invalid(`label key "${key}" is not valid`, {});
    if (typeof value !== 'string' || value.includes('\0')) invalid(`label ${key} must be a string`, {});
  }
  return labels;
}

/** `user`, `user:group`, `uid` or `uid:gid`. */
export function assertUser(value: unknown): string {
  assertText('user', value);
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/.test(value)) {
    invalid(`user "${value}" is not a user name, uid or user:group`, { field: 'user' });
  }
  return value;
}

export function assertAbsolutePath(value: unknown, field: string): string {
  assertText(field, value);
  if (!value.startsWith('/')) invalid(`${field} must be an absolute path, got "${value}"`, { field });
  return value;
}

/** A signal name or number: `SIGTERM`, `TERM`, `9`, `SIGRTMIN+3`. */
export function assertSignal(value: unknown): string {
  assertText('signal', value);
  if (!/^(SIG)?[A-Z0-9]+([+-][0-9]+)?$|^[0-9]{1,2}$/.test(value)) {
    invalid(`signal "${value}" is not a signal name or number`, { field: 'signal' });
  }
  return value;
}

/** A non-negative integer option (tail, seconds, limits). */
export function assertCount(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    invalid(`${field} must be a non-negative integer`, { field });
  }
  return value;
}

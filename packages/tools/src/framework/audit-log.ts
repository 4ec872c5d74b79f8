import { appendFile, lstat, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import { sanitizeText } from '@berth/security';
import type { Caller } from './caller.js';

/** One attempt at a mutating call. No arguments beyond the target: they may carry secrets. */
export interface AuditEntry {
  caller: Caller;
  host: string;
  tool: string;
  action: string;
  target: string;
  /**
   * `started` (written before acting), `ok`, `error:<CODE>`, `declined`, `planned` (a
   * confirmation token was handed out), `dry-run`, or `refused:<CODE>`.
   */
  outcome: string;
}

export interface AuditLog {
  /** Resolves once the line is on disk; rejects when it could not be written. */
  append(entry: AuditEntry): Promise<void>;
  /** Where lines go; undefined when the user turned the log off. */
  readonly path: string | undefined;
}

export interface AuditLogOptions {
  /** JSON-lines file; undefined keeps no log (the user turned it off). */
  path: string | undefined;
  now?: () => Date;
  /** Applied to every string field before it is written. */
  mask?: (text: string) => string;
  /** How long one line may take to be written, waiting included (default 5 s). */
  timeoutMs?: number;
}

/** The log must be a regular file (or not exist yet): a device or /proc entry can block or swallow lines. */
async function checkTarget(path: string): Promise<void> {
  const stat = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stat && !stat.isFile()) throw new Error(`${path} is not a regular file`);
}

function within<T>(work: Promise<T>, ms: number, path: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`writing ${path} took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, late]).finally(() => clearTimeout(timer));
}

/**
 * Appends one JSON line per event of a mutating call. Writes are serialized so lines never
 * interleave, and each append reports its own failure: the runner refuses to act when
 * the `started` line cannot be written.
 */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  const now = options.now ?? (() => new Date());
  const mask = options.mask ?? ((text: string) => text);
  let queue: Promise<void> = Promise.resolve();
  let madeDir = false;
  return {
    path: options.path,
    append(entry) {
      const { path } = options;
      if (path === undefined) return Promise.resolve();
      const line = `${JSON.stringify({
        time: now().toISOString(),
        via: entry.caller.via,
        // The client names itself: cleaned and masked like anything else it sends.
        caller: mask(sanitizeText(entry.caller.name)),
        ...(entry.caller.session ? { session: entry.caller.session } : {}),
        host: mask(entry.host),
        tool: entry.tool,
        action: entry.action,
        // The target holds the agent's arguments (a label filter may carry any character):
        // cleaned so the log reads true in a terminal, then masked.
        target: mask(sanitizeText(entry.target)),
        outcome: mask(entry.outcome),
      })}\n`;
      // mode 0600: the log says what was touched.
      const write = queue.then(async () => {
        if (!madeDir) await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        madeDir = true;
        await checkTarget(path);
        await appendFile(path, line, { mode: 0o600 });
      });
      queue = write.catch(() => {});
      // A write that hangs (a FIFO, a stuck disk) fails this line, and so every later one
      // that waits behind it: the runner then refuses to act rather than wait forever.
      return within(write, options.timeoutMs ?? 5_000, path);
    },
  };
}

import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** One mutating call. No arguments beyond the target: they may carry secrets. */
export interface AuditEntry {
  host: string;
  tool: string;
  action: string;
  target: string;
  /** `ok`, `declined`, or `error:<CODE>`. */
  outcome: string;
}

export interface AuditLog {
  append(entry: AuditEntry): Promise<void>;
}

export interface AuditLogOptions {
  /** JSON-lines file; undefined keeps no log (tests, or the user turned it off). */
  path: string | undefined;
  now?: () => Date;
  /** Applied to every string field before it is written. */
  mask?: (text: string) => string;
  /** Reports a failed write; an audit failure never fails the call that was audited. */
  onError?: (error: unknown) => void;
}

/** Appends one JSON line per mutating call: time, host, tool, action, target, outcome. */
export function createAuditLog(options: AuditLogOptions): AuditLog {
  const now = options.now ?? (() => new Date());
  const mask = options.mask ?? ((text: string) => text);
  let queue: Promise<void> = Promise.resolve();
  let madeDir = false;
  return {
    append(entry) {
      const { path } = options;
      if (path === undefined) return Promise.resolve();
      const line = `${JSON.stringify({
        time: now().toISOString(),
        host: mask(entry.host),
        tool: entry.tool,
        action: entry.action,
        target: mask(entry.target),
        outcome: mask(entry.outcome),
      })}\n`;
      // Serialized so lines never interleave; mode 0600: the log says what was touched.
      queue = queue.then(async () => {
        try {
          if (!madeDir) await mkdir(dirname(path), { recursive: true, mode: 0o700 });
          madeDir = true;
          await appendFile(path, line, { mode: 0o600 });
        } catch (error) {
          options.onError?.(error);
        }
      });
      return queue;
    },
  };
}

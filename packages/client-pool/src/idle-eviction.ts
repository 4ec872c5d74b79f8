import type { Logger } from 'pino';
import type { PoolEntry } from './pool-entry.js';

export interface IdleEvictionOptions {
  /** Close a client unused for this long; 0 or less never closes one. */
  idleMs: number;
  logger: Logger;
  /** Whether the pool still holds this entry (a replaced one is left alone). */
  isCurrent(entry: PoolEntry): boolean;
  evict(name: string): void;
}

/**
 * Closes clients nobody used for `idleMs`. One unref'd timer per entry at most, re-armed
 * for the time left, so an idle pool keeps no process alive and a busy one sets no timer
 * per call.
 */
export class IdleEviction {
  constructor(private readonly options: IdleEvictionOptions) {}

  /** Marks the entry used now. */
  touch(entry: PoolEntry): void {
    const { idleMs, logger } = this.options;
    entry.lastUsed = Date.now();
    if (idleMs <= 0 || entry.idleTimer) return;
    const check = () => {
      entry.idleTimer = undefined;
      if (!this.options.isCurrent(entry)) return;
      const idleFor = Date.now() - entry.lastUsed;
      if (idleFor >= idleMs && !busy(entry)) {
        logger.debug({ profile: entry.name, idleFor }, 'closing idle client');
        this.options.evict(entry.name);
        return;
      }
      entry.idleTimer = setTimeout(check, Math.max(idleMs - idleFor, 1000));
      entry.idleTimer.unref();
    };
    entry.idleTimer = setTimeout(check, idleMs);
    entry.idleTimer.unref();
  }
}

/** In use: connecting, or a channel open that is not an idle keep-alive socket. */
function busy(entry: PoolEntry): boolean {
  const connection = entry.connection;
  if (!connection) return false;
  const idle = Object.values(entry.agent.freeSockets).reduce((n, list) => n + (list?.length ?? 0), 0);
  return connection.connecting || connection.channelCount > idle;
}

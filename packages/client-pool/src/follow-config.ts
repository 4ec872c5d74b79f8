import type { ConfigChange, ConfigError, ConfigWatcher } from '@berth/config';
import type { Logger } from 'pino';
import type { ClientPool } from './client-pool.js';

export interface FollowConfigOptions {
  logger?: Logger;
  /** Called after each reload was applied, with the profiles whose clients were evicted. */
  onReconciled?: (evicted: string[], change: ConfigChange) => void;
}

/**
 * Hot reload for a pool: every valid config change reaches `pool.reconcile`, which evicts
 * exactly the clients whose profile changed or went away; a broken file leaves both the
 * config and the pool as they were. Returns a function that stops following.
 */
export function followConfig(
  pool: ClientPool,
  watcher: ConfigWatcher,
  options: FollowConfigOptions = {},
): () => void {
  const { logger } = options;
  const offChange = watcher.on('change', (change) => {
    pool.reconcile(change.config).then(
      (evicted) => {
        logger?.info({ changed: change.changedProfiles, evicted }, 'config reloaded');
        options.onReconciled?.(evicted, change);
      },
      (error: unknown) =>
        logger?.error({ err: error }, 'applying the reloaded config to the client pool failed'),
    );
  });
  const offError = watcher.on('error', (error: ConfigError) =>
    logger?.warn({ err: error }, 'config reload failed; keeping the last good config'),
  );
  return () => {
    offChange();
    offError();
  };
}

import { homedir } from 'node:os';
import { join } from 'node:path';
import type { BerthConfig } from '@berth/config';
import { berthPaths } from '@berth/config/lite';
import { type Logger, pino } from 'pino';

export interface ClientPoolOptions {
  config: BerthConfig;
  /** Default: silent. */
  logger?: Logger;
  /** Default: process.env. Read for DOCKER_HOST (local profiles only), SSH_AUTH_SOCK, HOME, XDG_STATE_HOME. */
  env?: NodeJS.ProcessEnv;
  /** Close a client unused for this long (ms); 0 keeps clients until evicted. Default 10 minutes. */
  idleTimeoutMs?: number;
  /**
   * Where accept-new pins host keys (file `known_hosts` inside). Default: berth's state dir,
   * $XDG_STATE_HOME/berth when that is absolute, else ~/.local/state/berth.
   */
  knownHostsDir?: string;
  /** Home directory for `~` and ~/.ssh. Default $HOME. */
  homeDir?: string;
}

/** The pool's options with every default filled in. */
export interface PoolSettings {
  logger: Logger;
  env: NodeJS.ProcessEnv;
  idleMs: number;
  homeDir: string;
  /** accept-new pins unknown host keys here, unless a profile names its own knownHostsFile. */
  pinFile: string;
  /** ~/.ssh/known_hosts: what a profile without its own knownHostsFile is checked against. */
  userKnownHostsFile: string;
}

const DEFAULT_IDLE_MS = 10 * 60_000;

export function resolvePoolSettings(options: ClientPoolOptions): PoolSettings {
  const env = options.env ?? process.env;
  const homeDir = options.homeDir ?? (env.HOME || homedir());
  // berth's paths have one home (@berth/config), so the pool pins where the rest of berth looks.
  const paths = berthPaths({ env, home: homeDir });
  return {
    logger: (options.logger ?? pino({ level: 'silent' })).child({ module: 'client-pool' }),
    env,
    idleMs: options.idleTimeoutMs ?? DEFAULT_IDLE_MS,
    homeDir,
    pinFile: options.knownHostsDir ? join(options.knownHostsDir, 'known_hosts') : paths.knownHostsFile,
    userKnownHostsFile: paths.userKnownHostsFile,
  };
}

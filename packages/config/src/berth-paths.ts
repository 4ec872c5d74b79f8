import { homedir } from 'node:os';
import { isAbsolute, join } from 'node:path';

export interface BerthPaths {
  /** `$XDG_CONFIG_HOME/berth` (default `~/.config/berth`). */
  configDir: string;
  /** The user config file: `<configDir>/config.yaml`. */
  userConfigFile: string;
  /** `$XDG_STATE_HOME/berth` (default `~/.local/state/berth`): data berth writes for itself. */
  stateDir: string;
  /**
   * berth's own known_hosts, where `accept-new` pins keys on first use. Kept apart from
   * `~/.ssh/known_hosts` so berth never edits a file OpenSSH owns.
   */
  knownHostsFile: string;
  /** `~/.ssh/config`, the default source of `importSshConfig`. */
  sshConfigFile: string;
  /** `~/.ssh/known_hosts`, what `strict` checks against unless a profile names another file. */
  userKnownHostsFile: string;
}

export interface BerthPathsOptions {
  env?: NodeJS.ProcessEnv;
  home?: string;
}

/** XDG base directories must be absolute; relative values are ignored, as the spec says. */
function xdgDir(value: string | undefined, fallback: string): string {
  return value && isAbsolute(value) ? value : fallback;
}

/** Where berth reads its config and keeps its state, from the environment given. */
export function berthPaths({ env = process.env, home = homedir() }: BerthPathsOptions = {}): BerthPaths {
  const configDir = join(xdgDir(env.XDG_CONFIG_HOME, join(home, '.config')), 'berth');
  const stateDir = join(xdgDir(env.XDG_STATE_HOME, join(home, '.local', 'state')), 'berth');
  return {
    configDir,
    userConfigFile: join(configDir, 'config.yaml'),
    stateDir,
    knownHostsFile: join(stateDir, 'known_hosts'),
    sshConfigFile: join(home, '.ssh', 'config'),
    userKnownHostsFile: join(home, '.ssh', 'known_hosts'),
  };
}

/** Expands a leading `~` or `~/`; `~user` forms are left alone (we cannot resolve them portably). */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path;
}

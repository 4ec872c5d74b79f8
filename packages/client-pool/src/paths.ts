import { homedir } from 'node:os';
import { join } from 'node:path';

/** Expands a leading `~` or `~/` against `home` (ssh_config style). */
export function expandHome(path: string, home: string): string {
  if (path === '~') return home;
  if (path.startsWith('~/')) return join(home, path.slice(2));
  return path;
}

export function defaultHomeDir(env: NodeJS.ProcessEnv): string {
  return env.HOME || homedir();
}

/** Where accept-new pins keys: $XDG_STATE_HOME/berth, else ~/.local/state/berth. */
export function defaultKnownHostsDir(env: NodeJS.ProcessEnv, home: string): string {
  return env.XDG_STATE_HOME ? join(env.XDG_STATE_HOME, 'berth') : join(home, '.local', 'state', 'berth');
}

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A throwaway home, project folder and XDG dirs in a temp dir, so tests touch no real config. Test-only. */
export interface TempWorld {
  root: string;
  home: string;
  cwd: string;
  /** $XDG_CONFIG_HOME/berth/config.yaml */
  userFile: string;
  env: NodeJS.ProcessEnv;
  /** Writes a file (creating folders) and returns its path. */
  write(path: string, text: string): Promise<string>;
  cleanup(): Promise<void>;
}

export async function makeWorld(env: NodeJS.ProcessEnv = {}): Promise<TempWorld> {
  const root = await mkdtemp(join(tmpdir(), 'berth-config-'));
  const home = join(root, 'home');
  const cwd = join(root, 'project');
  await mkdir(home, { recursive: true });
  await mkdir(cwd, { recursive: true });
  const xdg = join(root, 'xdg');
  return {
    root,
    home,
    cwd,
    userFile: join(xdg, 'berth', 'config.yaml'),
    env: { XDG_CONFIG_HOME: xdg, XDG_STATE_HOME: join(root, 'state'), ...env },
    async write(path, text) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      return path;
    },
    cleanup: () => rm(root, { recursive: true, force: true }),
  };
}

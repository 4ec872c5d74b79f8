import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type AttackClient, attackClient } from './bin.test-support.js';

/**
 * A throwaway machine for config attacks: a home, XDG dirs and a "cloned repository" to
 * start the server in, all in one temp dir, so no real config is read or written.
 */
export interface ConfigWorld extends AsyncDisposable {
  root: string;
  home: string;
  /** The server's working directory: where a hostile `berth.yaml` sits. */
  project: string;
  /** `$XDG_CONFIG_HOME/berth/config.yaml`: the user's own file. */
  userFile: string;
  projectFile: string;
  env: Record<string, string>;
  /** Writes a file (folders created) and returns its path. */
  write(path: string, text: string): Promise<string>;
  /** The built bin, started in the project folder with this world's environment. */
  start(args?: string[]): Promise<AttackClient>;
}

export async function configWorld(): Promise<ConfigWorld> {
  const root = await mkdtemp(join(tmpdir(), 'berth-redteam-config-'));
  const home = join(root, 'home');
  const project = join(root, 'cloned-repo');
  const xdg = join(root, 'xdg');
  await mkdir(home, { recursive: true });
  await mkdir(project, { recursive: true });
  const env = { HOME: home, XDG_CONFIG_HOME: xdg, XDG_STATE_HOME: join(root, 'state') };
  return {
    root,
    home,
    project,
    userFile: join(xdg, 'berth', 'config.yaml'),
    projectFile: join(project, 'berth.yaml'),
    env,
    async write(path, text) {
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, text);
      return path;
    },
    start: (args = []) => attackClient({ args: ['--audit-log', 'off', ...args], env, cwd: project }),
    [Symbol.asyncDispose]: () => rm(root, { recursive: true, force: true }),
  };
}

type Rows = { rows?: Record<string, unknown>[] };

/** The rows of a structured answer (none for an error). */
export function rowsOf(answer: { structured: unknown }): Record<string, unknown>[] {
  return (answer.structured as Rows | undefined)?.rows ?? [];
}

/** One YAML flow mapping per profile, so the files stay readable in the test. */
export function yamlProfiles(profiles: Record<string, Record<string, unknown>>, extra = ''): string {
  const lines = Object.entries(profiles).map(([name, p]) => `  ${name}: ${JSON.stringify(p)}`);
  return `${extra}profiles:\n${lines.join('\n')}\n`;
}

// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the example's compose file uses ${VAR} syntax.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixtureTree } from './fixture-tree.test-support.js';
import { loadComposeProject } from './load-compose-project.js';
import { serviceContainers } from './remote-stacks.js';

/** The README's example, run as written: the test checks the README quotes these lines. */
async function readmeExample(dir: string, env: Record<string, string>) {
  // README example begins
  const project = await loadComposeProject({ cwd: dir, env });
  const db = project.services.find((s) => s.kind === 'postgres');
  const password = db?.environment.POSTGRES_PASSWORD; // as the container gets it: .env, env_file, environment
  const published = db?.ports.map((p) => `${p.hostIp ?? '*'}:${p.published}->${p.target}`);
  const named = project.volumes.map((v) => v.name); // engine names: ['shop_pgdata']
  const containers = serviceContainers(project.name, []); // from labels only: never another project's
  // README example ends
  return { project, db, password, published, named, containers };
}

function between(text: string, begin: string, end: string): string[] {
  const from = text.indexOf(begin) + begin.length;
  return text
    .slice(from, text.indexOf(end, from))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'));
}

describe('the README example', () => {
  it('is the code that runs here', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    const lines = between(source, '// README example begins', '// README example ends');
    const quoted = between(readme, '```ts', '```');
    expect(quoted.filter((line) => !line.startsWith('import '))).toEqual(lines);
  });

  it('runs', async () => {
    using tree = fixtureTree({
      'shop/compose.yaml': [
        'services:',
        '  db:',
        '    image: postgres:16',
        '    environment: {POSTGRES_PASSWORD: "${DB_PASSWORD:?set DB_PASSWORD}"}',
        '    ports: ["127.0.0.1:5432:5432"]',
        '    volumes: ["pgdata:/var/lib/postgresql/data"]',
        'volumes: {pgdata: {}}',
      ].join('\n'),
      'shop/.env': 'DB_PASSWORD=example\n',
    });
    const out = await readmeExample(tree.path('shop'), { HOME: '/root' });
    expect(out).toMatchObject({
      password: 'example',
      published: ['127.0.0.1:5432->5432'],
      named: ['shop_pgdata'],
    });
    expect(out.project.name).toBe('shop');
    expect(out.containers.size).toBe(0);
  });
});

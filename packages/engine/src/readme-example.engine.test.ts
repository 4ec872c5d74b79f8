import { readFileSync } from 'node:fs';
import type { ClientPool } from '@berth/client-pool';
import { engineSuite, testLabels } from '@berth/testkit';
import { expect, it } from 'vitest';
import { useTarget } from './engine-targets.test-support.js';
import { openHostEngine } from './open-host-engine.js';

/** The README's example, run as written: the test checks the README quotes these lines. */
async function readmeExample(
  pool: ClientPool,
  signal: AbortSignal,
  image: string,
  labels: Record<string, string>,
) {
  // README example begins
  const host = await openHostEngine(pool, 'local', { signal });
  const page = await host.containers.list({ filters: { label: { app: 'web' } }, limit: 20 });
  const { id } = await host.containers.run({ image, cmd: ['sleep', '60'], labels });
  const result = await host.exec(id, ['sh', '-c', 'echo hi; exit 3']); // { exitCode: 3, stdout: 'hi\n', ... }
  const df = await host.system.diskUsage(); // df.images.reclaimableBytes, as `docker system df` shows it
  const server = await host.run(['docker', 'version', '--format', '{{.Server.Version}}']); // on the engine's host
  await host.containers.remove(id, { force: true });
  // README example ends
  return { page, result, df, server };
}

function between(text: string, begin: string, end: string): string[] {
  const from = text.indexOf(begin) + begin.length;
  return text
    .slice(from, text.indexOf(end, from))
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('//'));
}

engineSuite('the README example', () => {
  const target = useTarget('local');

  it('is the code that runs here', async () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    const lines = between(source, '// README example begins', '// README example ends');
    const quoted = between(readme, '```ts', '```');
    expect(quoted.filter((line) => !line.startsWith('import '))).toEqual(lines);
  });

  it('runs', async () => {
    const labels = testLabels({ app: 'web' });
    const signal = new AbortController().signal;
    const { page, result, df, server } = await readmeExample(target.pool, signal, target.image, labels);
    expect(page.items.length).toBeLessThanOrEqual(20);
    expect(result).toMatchObject({ exitCode: 3, stdout: 'hi\n' });
    expect(df.images.count).toBeGreaterThan(0);
    expect(server.stdout.trim()).toMatch(/^\d+\.\d+/);
  });
});

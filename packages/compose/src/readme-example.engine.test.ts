import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientPool, createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { openHostEngine } from '@berth/engine';
import { busyboxImage, engineSuite, ensureImage, testLabels } from '@berth/testkit';
import { type Logger, pino } from 'pino';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createComposeDriver } from './compose-driver.js';
import { stackYaml } from './compose-targets.test-support.js';
import { deployStack } from './deploy-stack.js';
import { stackProject } from './stack-project.js';

/** The README's example, run as written: the test checks the README quotes these lines. */
async function readmeExample(
  pool: ClientPool,
  signal: AbortSignal,
  logger: Logger,
  composeYaml: string,
  password: string,
  stacksDir: string,
) {
  // README example begins
  const host = await openHostEngine(pool, 'prod', { signal });
  const compose = createComposeDriver(host, { logger });
  const deployed = await deployStack(
    compose,
    { stack: 'shop', composePath: stacksDir, compose: composeYaml, env: { DB_PASSWORD: password } },
    { signal, onProgress: ({ line }) => logger.info(line) },
  );
  const { project } = stackProject(stacksDir, 'shop');
  const containers = await compose.ps(project);
  await compose.stop(project, { services: ['web'] });
  await compose.start(project, { services: ['web'] });
  const { text } = await compose.logs(project, { tail: 100 });
  await compose.down(project);
  await compose.down(project, { volumes: true });
  // README example ends
  return { deployed, containers, text, compose, project };
}

function between(text: string, begin: string, end: string): string[] {
  const from = text.indexOf(begin) + begin.length;
  return text
    .slice(from, text.indexOf(end, from))
    .split('\n')
    .map((line) => line.replace(/\s*\/\/.*$/, '').trim())
    .filter((line) => line !== '');
}

engineSuite('the README example', () => {
  let pool: ClientPool;
  let stacksDir: string;
  beforeAll(() => {
    pool = createClientPool({ config: BerthConfig.parse({ profiles: { prod: { type: 'local' } } }) });
    stacksDir = mkdtempSync(join(tmpdir(), 'berth-readme-'));
  });
  afterAll(async () => {
    await pool?.dispose();
    if (stacksDir) rmSync(stacksDir, { recursive: true, force: true });
  });

  it('is the code that runs here', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    const source = readFileSync(new URL(import.meta.url), 'utf8');
    const lines = between(source, '// README example begins', '// README example ends');
    const quoted = between(readme, '```ts', '```');
    expect(quoted.filter((line) => !line.startsWith('import '))).toEqual(lines);
  });

  it('runs: deploys, lists, stops, starts, logs and takes the stack down', async () => {
    const { tag } = await ensureImage(busyboxImage);
    const yaml = stackYaml(tag, testLabels()).replaceAll('APP_SECRET', 'DB_PASSWORD');
    const password = 'readme-pw-31337';
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => lines.push(line) });
    const { deployed, containers, text, compose, project } = await readmeExample(
      pool,
      new AbortController().signal,
      logger,
      yaml,
      password,
      stacksDir,
    );
    expect(deployed.containers.map((c) => [c.service, c.state]).sort()).toEqual([
      ['web', 'running'],
      ['worker', 'running'],
    ]);
    expect(containers.map((c) => c.service).sort()).toEqual(['web', 'worker']);
    expect(text).toContain('web started with');
    expect(text).not.toContain(password);
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('')).not.toContain(password);
    expect(await compose.ps(project)).toEqual([]);
  });
});

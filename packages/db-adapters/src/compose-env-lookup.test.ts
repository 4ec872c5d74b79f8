import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localFileSource } from '@berth/discovery';
import { afterAll, describe, expect, it } from 'vitest';
import { composeEnvFromSource } from './compose-env-lookup.js';
import { resolveCredentials } from './credentials.js';

const COMPOSE =
  // biome-ignore lint/suspicious/noTemplateCurlyInString: compose's own interpolation, read by discovery
  'services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: ${DB_PASSWORD}\n      POSTGRES_USER: app\n';

describe('composeEnvFromSource', () => {
  const dir = mkdtempSync(join(tmpdir(), 'berth-compose-env-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(join(dir, 'compose.yaml'), COMPOSE);
  writeFileSync(join(dir, '.env'), "DB_PASSWORD='from .env; $(not run)'\nPOSTGRES_DB=shop\n");
  const labels = {
    'com.docker.compose.project': 'demo',
    'com.docker.compose.service': 'db',
    'com.docker.compose.project.working_dir': dir,
    'com.docker.compose.project.config_files': join(dir, 'compose.yaml'),
  };
  const lookup = composeEnvFromSource(localFileSource());

  it("fills what the container's env lacks from the service env, then .env", async () => {
    const compose = await lookup({ project: 'demo', service: 'db', workingDir: dir, labels });
    const credentials = resolveCredentials('postgres', {
      containerEnv: ['POSTGRES_USER=from-container'],
      ...compose,
    });
    expect(credentials).toMatchObject({
      user: 'from-container',
      password: 'from .env; $(not run)',
      database: 'shop',
      sources: { user: 'container-env', password: 'compose', database: 'dotenv' },
    });
  });

  it('answers undefined for a container compose did not create or whose files are gone', async () => {
    expect(await lookup({ labels: {} })).toBeUndefined();
    const empty = mkdtempSync(join(tmpdir(), 'berth-compose-gone-'));
    const gone = {
      ...labels,
      'com.docker.compose.project.working_dir': join(empty, 'gone'),
      'com.docker.compose.project.config_files': '',
    };
    expect(await lookup({ labels: gone })).toBeUndefined();
    rmSync(empty, { recursive: true, force: true });
  });
});

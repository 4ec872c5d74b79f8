import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { bindEngine } from '@berth/engine';
import { describe, expect, it } from 'vitest';
import { createComposeDriver } from './compose-driver.js';

describe('createComposeDriver on a tcp profile', () => {
  it('says clearly that compose needs a profile that can run commands (UNSUPPORTED), without connecting', async () => {
    const pool = createClientPool({
      config: BerthConfig.parse({ profiles: { api: { type: 'tcp', host: '127.0.0.1', port: 1 } } }),
    });
    try {
      const lease = await pool.acquire('api');
      const driver = createComposeDriver(bindEngine(lease, { signal: new AbortController().signal }), {
        versionCache: new Map(),
      });
      const error = await driver.ls().catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'UNSUPPORTED', data: { profile: 'api' } });
      expect((error as Error).message).toMatch(/tcp profile.*ssh profile/);
    } finally {
      await pool.dispose();
    }
  });
});

describe('compose detection', () => {
  /** A host whose commands answer from a table: only `profile` and `run` are used by detection. */
  function hostAnswering(answers: Record<string, { exitCode: number; stdout: string }>) {
    const asked: string[] = [];
    const host = {
      profile: 'h',
      run: async (argv: string[]) => {
        asked.push(argv.join(' '));
        const answer = answers[argv.join(' ')] ?? { exitCode: 127, stdout: '' };
        return { ...answer, stderr: '', truncated: false };
      },
    };
    return { host: host as unknown as Parameters<typeof createComposeDriver>[0], asked };
  }

  it('falls back from the v2 plugin to docker-compose and caches the answer per profile', async () => {
    const { host, asked } = hostAnswering({
      'docker-compose version --short': { exitCode: 0, stdout: '1.29.2\n' },
    });
    const versionCache = new Map();
    const driver = createComposeDriver(host, { versionCache });
    expect(await driver.version()).toEqual({ flavour: 'v1', version: '1.29.2', command: ['docker-compose'] });
    await createComposeDriver(host, { versionCache }).version();
    expect(asked).toEqual(['docker compose version --short', 'docker-compose version --short']);
  });

  it('says UNSUPPORTED, naming both commands, when the host has no compose', async () => {
    const { host } = hostAnswering({});
    const error = await createComposeDriver(host, { versionCache: new Map() })
      .version()
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'UNSUPPORTED' });
    expect((error as Error).message).toContain('`docker compose`');
    expect((error as Error).message).toContain('`docker-compose`');
  });
});

describe('job control', () => {
  const v2Host = (stdout: string) => {
    const seen: Array<{ timeoutMs?: number }> = [];
    const host = {
      profile: 'h',
      run: async (
        argv: string[],
        options: { timeoutMs?: number; onStdout?: (chunk: Buffer) => void } = {},
      ) => {
        seen.push({ ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
        if (argv.includes('version'))
          return { exitCode: 0, stdout: '2.26.1\n', stderr: '', truncated: false };
        options.onStdout?.(Buffer.from(stdout));
        return { exitCode: 0, stdout, stderr: '', truncated: false };
      },
    };
    return { host: host as unknown as Parameters<typeof createComposeDriver>[0], seen };
  };

  it('masks progress lines and survives a listener that throws', async () => {
    const { host } = v2Host('web-1  | DB_PASSWORD=hunter2hunter2\nsecond line\n');
    const driver = createComposeDriver(host, { versionCache: new Map() });
    const lines: string[] = [];
    const logs = await driver.logs(
      { name: 'shop' },
      {},
      {
        onProgress: ({ line }) => {
          lines.push(line);
          throw new Error('listener bug');
        },
      },
    );
    expect(lines).toHaveLength(2);
    expect(lines.join('\n')).not.toContain('hunter2hunter2');
    expect(logs.text).not.toContain('hunter2hunter2');
  });

  it('refuses a timeoutMs that is not a positive number, and passes a good one to the host', async () => {
    const { host, seen } = v2Host('');
    const driver = createComposeDriver(host, { versionCache: new Map() });
    for (const timeoutMs of [0, -1, Number.NaN]) {
      await expect(driver.logs({ name: 'shop' }, {}, { timeoutMs })).rejects.toMatchObject({
        code: 'INVALID',
      });
    }
    await driver.logs({ name: 'shop' }, {}, { timeoutMs: 1234 });
    expect(seen.at(-1)).toEqual({ timeoutMs: 1234 });
  });
});

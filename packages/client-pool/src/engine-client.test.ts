import { describe, expect, it } from 'vitest';
import { isolatedPool } from './isolated-pool.test-support.js';

describe('EngineClient.run without an engine', () => {
  it('refuses commands on a tcp profile and an empty argv, like pool.run', async () => {
    await using pool = isolatedPool({
      t: { type: 'tcp', host: '127.0.0.1', port: 1 },
      l: { type: 'local', socketPath: '/nonexistent/docker.sock' },
    });
    const tcp = await pool.acquire('t');
    await expect(tcp.run(['true'])).rejects.toMatchObject({ code: 'UNSUPPORTED', data: { profile: 't' } });
    await expect(pool.run('t', ['true'])).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const local = await pool.acquire('l');
    await expect(local.run([])).rejects.toMatchObject({ code: 'CONFIG', data: { profile: 'l' } });
  });

  it('reports a command that cannot start as CONFIG', async () => {
    await using pool = isolatedPool({ l: { type: 'local', socketPath: '/nonexistent/docker.sock' } });
    const local = await pool.acquire('l');
    await expect(local.run(['/nonexistent/berth-no-such-binary'])).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('could not start'),
    });
    expect(await local.run(['sh', '-c', 'exit 5'])).toMatchObject({ exitCode: 5 });
  });
});

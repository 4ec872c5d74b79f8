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

import { createMasker } from '@berth/security';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { buildBackend } from './backend-factory.js';
import { CatalogServer } from './catalog-schema.js';
import { currentOwner } from './gateway-labels.js';

const touched: string[] = [];
const ctx = {
  pool: {
    acquire: async (profile: string) => {
      touched.push(profile);
      throw new Error('the engine must not be asked');
    },
  },
  owner: currentOwner('gw', { host: 'box', bootId: 'b', startTimeOf: () => '1' }),
  secrets: new Map<string, string>(),
  logger: pino({ level: 'silent' }),
  masker: createMasker(),
  egressProxyImage: undefined,
  egressOuterNetwork: undefined,
  extraLabels: undefined,
};

describe('buildBackend', () => {
  it('refuses a catalog the guards reject with CONFIG, before any engine call', async () => {
    const flag = buildBackend(
      'x',
      CatalogServer.parse({ image: 'a/b', command: ['{{config.mode}}'], config: { mode: '--privileged' } }),
      ctx,
    );
    await expect(flag.listTools()).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('starts with "-"'),
    });
    const secret = buildBackend('y', CatalogServer.parse({ image: 'a/b', secrets: { token: 'TOKEN' } }), ctx);
    await expect(secret.callTool('t', {})).rejects.toMatchObject({
      code: 'CONFIG',
      message: expect.stringContaining('secrets.token'),
    });
    expect(touched).toEqual([]);
    await Promise.all([flag.close(), secret.close()]);
  });

  it('a closed backend refuses calls with CLOSED', async () => {
    const backend = buildBackend('z', CatalogServer.parse({ static: '127.0.0.1:9' }), ctx);
    await backend.close();
    await expect(backend.listTools()).rejects.toMatchObject({ code: 'CLOSED' });
  });
});

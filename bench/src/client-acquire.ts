/**
 * Client acquisition, cold vs warm, per transport. Cold: a new pool, acquire, first ping
 * (for SSH that includes the handshake and host-key check). Warm: acquire + ping on a pool
 * that already holds the client. Starts its own remote host (Docker-in-Docker with sshd).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ClientPool, createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { startRemoteHost } from '@berth/testkit';
import { measure, ratioLine } from './measure.js';

export const clientAcquire = {
  name: 'client acquisition',
  run: async (): Promise<string[]> => {
    const remote = await startRemoteHost();
    const home = mkdtempSync(join(tmpdir(), 'berth-bench-acquire-'));
    const config = BerthConfig.parse({
      profiles: {
        local: { type: 'local' },
        ssh: remote.sshProfile(),
      },
    });
    const newPool = (): ClientPool =>
      createClientPool({ config, env: { PATH: process.env.PATH ?? '' }, homeDir: home, knownHostsDir: home });
    const acquireAndPing = async (pool: ClientPool, profile: string) => {
      const client = await pool.acquire(profile);
      await client.docker.ping();
    };
    try {
      const lines: string[] = [];
      for (const profile of ['local', 'ssh']) {
        const cold = await measure(
          `${profile} cold (new pool + acquire + ping)`,
          async () => {
            const pool = newPool();
            try {
              await acquireAndPing(pool, profile);
            } finally {
              await pool.dispose();
            }
          },
          profile === 'ssh' ? 10 : 15,
        );
        const pool = newPool();
        try {
          const warm = await measure(
            `${profile} warm (acquire + ping)`,
            () => acquireAndPing(pool, profile),
            50,
            5,
          );
          lines.push(ratioLine(cold, warm), ratioLine(warm, cold));
        } finally {
          await pool.dispose();
        }
      }
      return lines;
    } finally {
      await remote[Symbol.asyncDispose]();
      rmSync(home, { recursive: true, force: true });
    }
  },
};

/**
 * berth's fan-out over 4 SSH profiles (four remote engines, one profile each) against
 * the slowest single profile done alone. Concurrent fan-out should cost about the
 * slowest profile, not the sum of all four.
 */
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { fanOut as berthFanOut, openHostEngine } from '@berth/engine';
import { startRemoteHost } from '@berth/testkit';
import { measure, ratioLine, type Sample } from './measure.js';

export const fanOut = {
  name: 'fan-out over 4 SSH profiles',
  run: async (): Promise<string[]> => {
    await using a = await startRemoteHost();
    await using b = await startRemoteHost();
    await using c = await startRemoteHost();
    await using d = await startRemoteHost();
    const config = BerthConfig.parse({
      profiles: { h1: a.sshProfile(), h2: b.sshProfile(), h3: c.sshProfile(), h4: d.sshProfile() },
    });
    const pool = createClientPool({ config });
    try {
      const profiles = ['h1', 'h2', 'h3', 'h4'];
      const op = async (profile: string, { signal }: { signal: AbortSignal }) => {
        const host = await openHostEngine(pool, profile, { signal });
        return host.containers.list();
      };
      const singles: Sample[] = [];
      for (const profile of profiles) {
        singles.push(
          await measure(`profile ${profile} alone`, async () => {
            const [result] = await berthFanOut([profile], op);
            if (!result?.ok) throw result?.error;
          }),
        );
      }
      const slowest = singles.reduce((x, y) => (y.medianMs > x.medianMs ? y : x));
      const all = await measure('fan-out to 4 profiles', async () => {
        const results = await berthFanOut(profiles, op);
        const failed = results.find((r) => !r.ok);
        if (failed && !failed.ok) throw failed.error;
      });
      // An operation bound by the engine's time, not this process's CPU: an events stream
      // that the engine holds open for 300 ms. Here fan-out should cost one wait, not four.
      const wait = async (profile: string, { signal }: { signal: AbortSignal }) => {
        const host = await openHostEngine(pool, profile, { signal });
        for await (const _ of host.system.events({ until: new Date(Date.now() + 300) })) {
          // drain
        }
      };
      const oneWait = await measure(
        'one profile, 300 ms engine wait',
        async () => {
          const [result] = await berthFanOut(['h1'], wait);
          if (!result?.ok) throw result?.error;
        },
        5,
        1,
      );
      const fourWaits = await measure(
        'fan-out to 4 profiles, 300 ms engine wait',
        async () => {
          const results = await berthFanOut(profiles, wait);
          const failed = results.find((r) => !r.ok);
          if (failed && !failed.ok) throw failed.error;
        },
        5,
        1,
      );
      return [
        ...singles.map((s) => `${s.name}: ${s.medianMs.toFixed(1)} ms (median of ${s.samples.length})`),
        ratioLine(all, { ...slowest, name: `slowest single (${slowest.name})` }),
        ratioLine(fourWaits, oneWait),
      ];
    } finally {
      await pool.dispose();
    }
  },
};

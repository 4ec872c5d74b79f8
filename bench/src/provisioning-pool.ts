/**
 * A tool call on @berth/provisioning's warm pooled container against a container per call
 * (what docker's gateway does for a server that is not long-lived), on the same
 * everything-server image and the same echo call; and how long building the backends of a
 * catalog takes (the gateway answers after it) against the first call that starts one.
 * Needs the engine.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { createBackendSet, loadCatalog } from '@berth/provisioning';
import { EVERYTHING_SERVER_ARGV, ensureImage, everythingServerImage, testLabels } from '@berth/testkit';
import { measure, ratioLine } from './measure.js';

export const provisioningPool = {
  name: 'provisioning',
  run: async (): Promise<string[]> => {
    const { tag } = await ensureImage(everythingServerImage);
    const dir = await mkdtemp(join(tmpdir(), 'berth-bench-provisioning-'));
    const pool = createClientPool({ config: BerthConfig.parse({ profiles: { local: { type: 'local' } } }) });
    const extraLabels = testLabels({ 'berth.bench': 'provisioning' });
    try {
      await writeFile(
        join(dir, 'catalog.yaml'),
        JSON.stringify({ servers: { ev: { image: tag, command: EVERYTHING_SERVER_ARGV } } }),
      );
      const catalog = await loadCatalog(join(dir, 'catalog.yaml'));
      const call = { message: 'bench' };
      const perCall = await measure(
        'container per call',
        async () => {
          await using set = await createBackendSet({ catalog, pool, extraLabels, reapOnStart: false });
          await set.get('ev')?.callTool('echo', call);
        },
        5,
        1,
      );
      const ready = await measure('backends ready', async () => {
        await using _set = await createBackendSet({ catalog, pool, extraLabels, reapOnStart: false });
      });
      await using set = await createBackendSet({ catalog, pool, extraLabels });
      const warm = await measure(
        'warm pooled call',
        () => set.get('ev')?.callTool('echo', call) ?? Promise.resolve(),
        30,
        3,
      );
      return [ratioLine(perCall, warm), ratioLine(ready, perCall)];
    } finally {
      await pool.dispose();
      await rm(dir, { recursive: true, force: true });
    }
  },
};

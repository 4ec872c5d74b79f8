import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dockerClient, engineSuite, testLabels } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type GatewayProcess, gatewayClient, startGatewayProcess } from './gateway-process.js';

/** A labelled volume of this test, and whether it still exists. */
async function testVolume() {
  const name = `berth-gateway-test-${randomBytes(4).toString('hex')}`;
  await dockerClient().createVolume({ Name: name, Labels: testLabels() });
  return {
    name,
    exists: () =>
      dockerClient()
        .getVolume(name)
        .inspect()
        .then(
          () => true,
          () => false,
        ),
    [Symbol.asyncDispose]: () =>
      dockerClient()
        .getVolume(name)
        .remove({ force: true })
        .catch(() => {}),
  };
}

engineSuite("berth's data-losing actions through the gateway ask the user, in both eras", () => {
  let gateway: GatewayProcess;
  beforeAll(async () => {
    gateway = await startGatewayProcess();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it.each(['modern', 'legacy'] as const)(
    '%s: a declined removal keeps the volume, an accepted one removes it; both audited',
    async (era) => {
      await using volume = await testVolume();
      const asked: string[] = [];
      let answer: 'accept' | 'decline' = 'decline';
      await using client = await gatewayClient(gateway.url, era, undefined, {
        elicit: (message) => {
          asked.push(message);
          return answer;
        },
      });
      const remove = { name: 'remove', arguments: { action: 'remove', kind: 'volume', id: volume.name } };
      const declined = await client.callTool(remove);
      expect(await volume.exists()).toBe(true);
      expect(JSON.stringify(declined.content), JSON.stringify(declined)).toMatch(/declin/i);
      answer = 'accept';
      const accepted = await client.callTool(remove);
      expect(accepted.isError, JSON.stringify(accepted.content)).toBeFalsy();
      expect(await volume.exists()).toBe(false);
      expect(asked).toHaveLength(2);
      expect(asked[0]).toContain(volume.name);
      const audit = (await readFile(join(gateway.stateDir, 'audit.jsonl'), 'utf8'))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { caller: string; outcome: string; target: string });
      const ours = audit.filter((l) => l.target.includes(volume.name));
      expect(ours.map((l) => l.outcome)).toEqual(expect.arrayContaining(['declined', 'started', 'ok']));
      expect(new Set(ours.map((l) => l.caller))).toEqual(new Set(['token/gateway-test']));
    },
  );
});

import { engineSuite } from '@berth/testkit';
import { expect, it } from 'vitest';
import { gatewayClient, rowsOf, startGatewayProcess } from './gateway-process.js';
import { startRoundRobinProxy } from './round-robin-proxy.js';

engineSuite('two berth-gateway replicas behind one address', () => {
  it('serve one stateless (2026-07-28) client whose requests alternate between them', async () => {
    await using first = await startGatewayProcess();
    await using second = await startGatewayProcess();
    await using proxy = await startRoundRobinProxy([first.origin, second.origin]);
    await using client = await gatewayClient(proxy.url, 'modern');
    for (let round = 0; round < 3; round += 1) {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain('read');
      const version = await client.callTool({ name: 'read', arguments: { action: 'version' } });
      expect(version.isError, JSON.stringify(version.content)).toBeFalsy();
      expect(rowsOf(version)[0]?.api).toMatch(/^1\.\d+$/);
    }
    // Each replica answered part of the one client's requests.
    expect(proxy.served[0]).toBeGreaterThanOrEqual(3);
    expect(proxy.served[1]).toBeGreaterThanOrEqual(3);
  });
});

import { dockerClient, engineSuite, testLabels } from '@berth/testkit';
import { BERTH_TOOLS, createToolContext, LIBRARY_CALLER, runTool, type ToolOutput } from '@berth/tools';
import { afterAll, expect, it } from 'vitest';
import { binClient } from './bin-client.js';
import { testVolume, uniqueName, volumeExists } from './resources-fixtures.js';

/**
 * The tool core is one runner: called as a plain function (as the CLI and the gateway do)
 * it gives the same structured result as the built berth-mcp over stdio, for a read, a
 * write and a confirmation (plan + token, then the confirmed removal).
 */
engineSuite('the runner and the MCP server give the same results', () => {
  const context = createToolContext({ tools: BERTH_TOOLS, auditLog: false, env: { ...process.env } });
  afterAll(() => context.dispose());

  const direct = async (tool: string, args: Record<string, unknown>): Promise<ToolOutput> => {
    const result = await runTool(context, tool, args, { caller: LIBRARY_CALLER });
    if (result.kind !== 'ok') throw new Error(`expected a result, got ${JSON.stringify(result)}`);
    return result.output;
  };

  it('a read', async () => {
    const label = `berth.parity=${uniqueName('read')}`;
    await using _a = await testVolume({ 'berth.parity': label.split('=')[1] ?? '' });
    await using client = await binClient();
    const args = { action: 'list', kind: 'volume', label: [label] };
    const viaMcp = await client.callTool({ name: 'read', arguments: args });
    expect(viaMcp.isError).toBeFalsy();
    const viaRunner = await direct('read', args);
    expect(viaRunner.rows).toHaveLength(1);
    expect(viaMcp.structuredContent).toEqual(viaRunner);
  });

  it('a write and a confirmation', async () => {
    await using client = await binClient();
    const names = [uniqueName('par'), uniqueName('par')];
    const labels = testLabels();
    try {
      const made = [
        await direct('create', { action: 'volume', name: names[0], labels }),
        (await client.callTool({ name: 'create', arguments: { action: 'volume', name: names[1], labels } }))
          .structuredContent as unknown as ToolOutput,
      ];
      const anonymize = (o: ToolOutput, name: string) => JSON.parse(JSON.stringify(o).replaceAll(name, 'N'));
      expect(anonymize(made[1] as ToolOutput, names[1] as string)).toEqual(
        anonymize(made[0] as ToolOutput, names[0] as string),
      );

      // Without elicitation both answer with the plan and a token, and remove nothing.
      const planArgs = (name: string) => ({ action: 'remove', kind: 'volume', id: name });
      const planned = [
        await direct('remove', planArgs(names[0] as string)),
        (await client.callTool({ name: 'remove', arguments: planArgs(names[1] as string) }))
          .structuredContent as unknown as ToolOutput,
      ];
      for (const [i, plan] of planned.entries()) {
        expect(plan.confirm_token).toMatch(/^\d+\.[A-Za-z0-9_-]+$/);
        expect(await volumeExists(names[i] as string)).toBe(true);
      }
      const strip = (o: ToolOutput, name: string) => anonymize({ ...o, confirm_token: 'T' }, name);
      expect(strip(planned[1] as ToolOutput, names[1] as string)).toEqual(
        strip(planned[0] as ToolOutput, names[0] as string),
      );

      // With its own token each removes the volume, with the same answer.
      const done = [
        await direct('remove', { ...planArgs(names[0] as string), confirm_token: planned[0]?.confirm_token }),
        (
          await client.callTool({
            name: 'remove',
            arguments: { ...planArgs(names[1] as string), confirm_token: planned[1]?.confirm_token },
          })
        ).structuredContent as unknown as ToolOutput,
      ];
      expect(anonymize(done[1] as ToolOutput, names[1] as string)).toEqual(
        anonymize(done[0] as ToolOutput, names[0] as string),
      );
      for (const name of names) expect(await volumeExists(name as string)).toBe(false);
    } finally {
      // Straight to the engine: a remove through the runner would only plan.
      for (const name of names) {
        await dockerClient()
          .getVolume(name as string)
          .remove()
          .catch(() => undefined);
      }
    }
  });
});

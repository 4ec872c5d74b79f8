import { busyboxImage, engineSuite, ensureImage, startContainer } from '@berth/testkit';
import { beforeAll, expect, it } from 'vitest';
import { binClient } from './bin-client.js';

engineSuite('berth-mcp prompt completion against the real engine', () => {
  let image: string;
  beforeAll(async () => {
    image = (await ensureImage(busyboxImage)).tag;
  });

  it('completes diagnose_container.container from the chosen host, then builds the prompt', async () => {
    await using web = await startContainer({ image, cmd: ['sleep', '300'] });
    await using client = await binClient();
    const prefix = web.name.slice(0, -3);
    const result = await client.complete({
      ref: { type: 'ref/prompt', name: 'diagnose_container' },
      argument: { name: 'container', value: prefix },
      context: { arguments: { host: 'local' } },
    });
    expect(result.completion.values).toContain(web.name);
    const prompt = await client.getPrompt({
      name: 'diagnose_container',
      arguments: { container: web.name, host: 'local' },
    });
    const [message] = prompt.messages;
    expect(message?.content.type === 'text' && message.content.text).toContain(`id: "${web.name}"`);
  });
});

import {
  busyboxImage,
  engineSuite,
  ensureImage,
  startContainer,
  type TestContainer,
  testLabels,
  testRunId,
} from '@berth/testkit';
import { expect, it } from 'vitest';
import { attackClient } from './bin.test-support.js';

type Page = { rows: { name: string }[]; next?: string };

/**
 * Rows deleted between two pages must not make the next page skip a survivor. (Before, the
 * cursor was an offset: with the first page's rows gone, "offset 3" jumped over the next
 * three.) The cursor now holds the last row's sort key.
 */
engineSuite('red team: paging while containers come and go', () => {
  it('page two after page one was deleted still starts at the first survivor', async () => {
    const { tag } = await ensureImage(busyboxImage);
    const batch = `berth-rt-page-${testRunId()}`;
    const labels = testLabels({ 'berth.redteam.page': batch });
    const made: TestContainer[] = [];
    try {
      // Created one after another, so the engine orders them newest first by creation time.
      for (let i = 0; i < 6; i++) {
        made.push(await startContainer({ image: tag, cmd: ['sleep', '300'], labels, name: `${batch}-${i}` }));
        await new Promise((resolve) => setTimeout(resolve, 1100));
      }
      await using attack = await attackClient({ args: ['--audit-log', 'off'] });
      const list = async (cursor?: string) =>
        (
          await attack.call('read', {
            action: 'list',
            label: [`berth.redteam.page=${batch}`],
            limit: 3,
            ...(cursor ? { cursor } : {}),
          })
        ).structured as Page;
      const first = await list();
      expect(first.rows.map((r) => r.name)).toEqual([`${batch}-5`, `${batch}-4`, `${batch}-3`]);
      // Everything the agent saw on page one is removed before it asks for page two.
      for (const container of made.slice(3)) await container[Symbol.asyncDispose]();
      const second = await list(first.next);
      expect(second.rows.map((r) => r.name)).toEqual([`${batch}-2`, `${batch}-1`, `${batch}-0`]);
    } finally {
      // Those removed above are gone already; removing them again is a no-op.
      for (const container of made) await container[Symbol.asyncDispose]().catch(() => {});
    }
  });
});

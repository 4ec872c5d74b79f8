import { readFile } from 'node:fs/promises';
import { busyboxImage, engineSuite, ensureImage, startContainer, waitUntil } from '@berth/testkit';
import type { StdioClientTransport } from '@modelcontextprotocol/client/stdio';
import { expect, it } from 'vitest';
import { attackClient } from './bin.test-support.js';
import { stallConfig } from './stall-config.test-support.js';

const LINE_BYTES = 100 * 1024 * 1024;
/**
 * The server may grow by less than the line. Code that keeps a line whole until its
 * newline holds all of it at least once (one string, or the chunks it joins), so it
 * cannot pass. Read as a stream and cut at the cap, the line costs only the socket
 * buffers that wait for the garbage collector, which V8 frees after some tens of MB of
 * them whatever the line's length (about 45 MB here, for 50 MB and 150 MB lines alike);
 * hence a line of twice the 50 MB that was measured, for room between the two.
 */
const MAX_GROWTH_BYTES = LINE_BYTES;

/** Peak resident memory of a process (VmHWM), in bytes. */
async function peakRss(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmHWM for ${pid}`);
  return Number(kb) * 1024;
}

engineSuite('a 100 MB log line without a newline stalls nothing', () => {
  it('logs answer capped and marked, memory stays flat, and another host answers meanwhile', async () => {
    const image = (await ensureImage(busyboxImage)).tag;
    await using writer = await startContainer({
      image,
      cmd: ['sh', '-c', `head -c ${LINE_BYTES} /dev/zero | tr '\\0' a; touch /tmp/done; sleep 600`],
    });
    await waitUntil(
      'the long line written',
      async () => (await writer.exec(['test', '-f', '/tmp/done'])).exitCode === 0,
      {
        timeoutMs: 60_000,
      },
    );
    await using config = await stallConfig({ other: { type: 'local', timeoutMs: 5000 } });
    await using server = await attackClient({ args: ['--config', config.path] });
    const pid = (server.client.transport as StdioClientTransport).pid;
    if (pid === null) throw new Error('the server has no pid');
    // Warm the paths a logs call takes, so the baseline holds the code it loads.
    expect((await server.call('read', { action: 'version', host: 'other' })).isError).toBe(false);
    expect((await server.call('read', { action: 'logs', id: writer.id, tail: 1 })).isError).toBe(false);
    const before = await peakRss(pid);

    let logsDone = false;
    const logs = server
      .call('read', { action: 'logs', id: writer.id, tail: 5000, max_bytes: 1000 })
      .finally(() => {
        logsDone = true;
      });
    const meanwhile: { isError: boolean; text: string; during: boolean }[] = [];
    while (!logsDone) {
      const answer = await server.call('read', { action: 'version', host: 'other' });
      meanwhile.push({ isError: answer.isError, text: answer.text, during: !logsDone });
    }
    const answer = await logs;

    expect(answer.isError, answer.text).toBe(false);
    expect(Buffer.byteLength(answer.text)).toBeLessThanOrEqual(1000);
    // The line is cut where it was read, and the answer says by how much and what to do.
    const { rows } = answer.structured as { rows: { lines: string[]; hint: string }[] };
    expect(rows[0]?.lines).toEqual([expect.stringMatching(/^out\| a+…\[\+\d{7,} bytes\]$/)]);
    expect(rows[0]?.hint).toMatch(/newest cut .*max_bytes/);
    expect(meanwhile.filter((m) => m.during).length).toBeGreaterThan(0);
    expect(meanwhile.filter((m) => m.isError)).toEqual([]);
    const grown = (await peakRss(pid)) - before;
    expect(grown, `peak RSS grew by ${Math.round(grown / 1e6)} MB`).toBeLessThan(MAX_GROWTH_BYTES);
  });
});

import { busyboxImage, engineSuite, ensureImage, startContainer, type TestContainer } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackClient, attackClient } from './bin.test-support.js';

const MAX_BYTES = 1000;
/** Room for what frames the row in the answer: the rows envelope. */
const MARGIN = 100;

/**
 * Output that grows when rendered: control bytes and quotes become JSON escapes (up to six
 * bytes for one), and `out| ` prefixes every log line. A cap counted on raw bytes or on
 * lines alone lets the answer run to several times `max_bytes`.
 */
const NOISY = String.raw`i=0; while [ $i -lt 400 ]; do printf '"\\\001\002\003\004\005\006 line %s\n' $i; printf 'e\001\002\003 %s\n' $i >&2; i=$((i+1)); done`;

const bytes = (text: string) => Buffer.byteLength(text);

engineSuite('max_bytes caps the whole answer of logs and exec', () => {
  let container: TestContainer;
  let server: AttackClient;

  beforeAll(async () => {
    const image = (await ensureImage(busyboxImage)).tag;
    container = await startContainer({ image, cmd: ['sh', '-c', `${NOISY}; sleep 600`] });
    server = await attackClient({ args: ['--audit-log', 'off'] });
  });
  afterAll(async () => {
    await server?.[Symbol.asyncDispose]();
    await container?.remove();
  });

  it('logs: the text and the structured answer stay near max_bytes, and say they were cut', async () => {
    const answer = await server.call('read', {
      action: 'logs',
      id: container.id,
      tail: 5000,
      max_bytes: MAX_BYTES,
    });
    expect(answer.isError, answer.text).toBe(false);
    expect(bytes(answer.text)).toBeLessThanOrEqual(MAX_BYTES + MARGIN);
    expect(bytes(JSON.stringify(answer.structured))).toBeLessThanOrEqual(MAX_BYTES + MARGIN);
    expect(answer.text).toMatch(/max_bytes/);
  });

  it('exec: stdout and stderr together stay near max_bytes, and say they were cut', async () => {
    const answer = await server.call('container_ops', {
      action: 'exec',
      id: container.id,
      argv: ['sh', '-c', NOISY],
      max_bytes: MAX_BYTES,
    });
    expect(answer.isError, answer.text).toBe(false);
    expect(bytes(answer.text)).toBeLessThanOrEqual(MAX_BYTES + MARGIN);
    expect(bytes(JSON.stringify(answer.structured))).toBeLessThanOrEqual(MAX_BYTES + MARGIN);
    expect(answer.structured).toMatchObject({ rows: [{ truncated: true }] });
    // The text's table clips each cell; the row says how to get the rest.
    expect(JSON.stringify(answer.structured)).toMatch(/bytes; raise max_bytes/);
  });
});

import { busyboxImage, engineSuite, ensureImage, startContainer, waitUntil } from '@berth/testkit';
import { expect, it } from 'vitest';
import { attackClient } from './bin.test-support.js';

const ESC = '\u001b';
const RLO = '\u202e';
/** Terminal escapes and text-direction overrides a container controls. */
const HOSTILE = `ok${ESC}[31mred${ESC}[0m ${ESC}]8;;http://127.0.0.1/${ESC}\\link${ESC}]8;;\u0007 ${ESC}]52;c;aGk=\u0007 bell\u0007 back\b c1\u009b2J rlo${RLO}txt.exe lri\u2067x\u2069`;

/** Code points no answer may carry: C0 but \n and \t, DEL, C1, bidi controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for exactly these.
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** Every string inside a value that holds a forbidden code point. */
function hostileStrings(value: unknown, path = '$'): string[] {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? [`${path}: ${JSON.stringify(value)}`] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => hostileStrings(v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...hostileStrings(k, `${path} key`),
      ...hostileStrings(v, `${path}.${k}`),
    ]);
  }
  return [];
}

// Boundary: escapes and direction overrides a container writes (labels, env, command line,
// logs, exec output, exec argv in events) reach the agent only as visible text.
engineSuite('terminal escapes and bidi controls from containers reach the agent only visibly', () => {
  it('info, logs, top, exec, events and the logs resource carry no control characters', async () => {
    const image = (await ensureImage(busyboxImage)).tag;
    const script = `printf '%s\\n' "$HOSTILE"; printf '\\033[2J\\033[1;31mred\\033[0m \\342\\200\\256gnp.exe\\n' >&2; exec sleep 600`;
    await using box = await startContainer({
      image,
      env: { HOSTILE },
      labels: { 'com.example.note': HOSTILE },
      cmd: ['sh', '-c', script, HOSTILE],
    });
    await waitUntil('the hostile log lines', async () => (await box.logs()).stderr.includes('gnp.exe'), {
      timeoutMs: 10_000,
    });
    await using bin = await attackClient({ args: ['--audit-log', 'off'] });
    const answers: [string, unknown][] = [];
    const exec = await bin.call('container_ops', { action: 'exec', id: box.name, argv: ['echo', HOSTILE] });
    expect(exec.isError, exec.text).toBe(false);
    answers.push(['exec', exec]);
    for (const args of [
      { action: 'info', id: box.name },
      { action: 'logs', id: box.name },
      { action: 'top', id: box.name },
      { action: 'events', container: box.name, since: '5m' },
    ]) {
      const r = await bin.call('read', args);
      expect(r.isError, r.text).toBe(false);
      answers.push([args.action, r]);
    }
    const { contents } = await bin.client.readResource({ uri: `berth://local/containers/${box.name}/logs` });
    answers.push(['logs resource', contents]);
    expect(answers.flatMap(([what, answer]) => hostileStrings(answer, what))).toEqual([]);
    // Replaced visibly, not dropped: the agent can see that something was there.
    const info = answers.find(([what]) => what === 'info')?.[1] as {
      structured: { rows: { labels: Record<string, string> }[] };
    };
    expect(info.structured.rows[0]?.labels['com.example.note']).toBe(
      'okred link  bell\\u0007 back\\u0008 c1 rlo\\u202etxt.exe lri\\u2067x\\u2069',
    );
  });
});

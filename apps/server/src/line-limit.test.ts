import { describe, expect, it } from 'vitest';
import { LineLimit, LineTooLongError } from './line-limit.js';

/** Everything the guard passes on, chunk by chunk, and the error it ended with. */
async function through(limit: number, chunks: string[]) {
  const guard = new LineLimit(limit);
  const out: string[] = [];
  guard.on('data', (chunk: Buffer) => out.push(chunk.toString()));
  const ended = new Promise<unknown>((resolve) => {
    guard.on('error', resolve);
    guard.on('end', () => resolve(undefined));
  });
  for (const chunk of chunks) guard.write(chunk);
  guard.end();
  return { out, error: await ended };
}

describe('LineLimit', () => {
  it('passes whole lines, one chunk each, however they arrived', async () => {
    const { out, error } = await through(100, ['{"a":', '1}\n{"b":2}\n{"c"', ':3}\ntrailing']);
    expect(error).toBeUndefined();
    expect(out).toEqual(['{"a":1}\n', '{"b":2}\n', '{"c":3}\n']);
  });

  it('accepts a line of exactly the limit', async () => {
    const { out, error } = await through(5, ['12', '345\n']);
    expect(error).toBeUndefined();
    expect(out).toEqual(['12345\n']);
  });

  it('fails as soon as a line passes the limit, newline or not', async () => {
    const unended = await through(5, ['ok\n', '123', '456']);
    expect(unended.out).toEqual(['ok\n']);
    expect(unended.error).toBeInstanceOf(LineTooLongError);
    expect((unended.error as Error).message).toBe('a JSON-RPC line passed 5 bytes');
    expect((await through(5, ['123456\n'])).error).toBeInstanceOf(LineTooLongError);
  });
});

import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isRdb, RdbStream, rdbBytesOf } from './rdb-stream.js';

async function through(chunks: Buffer[], rdbBytes: number | undefined): Promise<Buffer> {
  const target = new PassThrough();
  const got: Buffer[] = [];
  target.on('data', (c: Buffer) => got.push(c));
  const stream = new RdbStream(target);
  for (const chunk of chunks) await new Promise<void>((resolve) => stream.write(chunk, () => resolve()));
  await stream.finish(rdbBytes);
  return Buffer.concat(got);
}

describe('RdbStream', () => {
  const rdb = Buffer.from('REDIS0010 body ending in a checksum');
  const mark = Buffer.from('63468a46abe6348e1bec56c570a6b2021755cf90');

  it('drops the end mark redis-cli appends when the RDB ended before it', async () => {
    const out = await through(
      [rdb.subarray(0, 5), Buffer.concat([rdb.subarray(5), mark.subarray(0, 7)]), mark.subarray(7)],
      rdb.length,
    );
    expect(out.equals(rdb)).toBe(true);
  });

  it('keeps every byte when there is no mark', async () => {
    expect((await through([rdb], undefined)).equals(rdb)).toBe(true);
    expect((await through([rdb], rdb.length)).equals(rdb)).toBe(true);
  });

  it('reads the RDB length from redis-cli and an RDB by its header', () => {
    expect(rdbBytesOf('SYNC sent to master\nTransfer finished with success after 203 bytes\n')).toBe(203);
    expect(rdbBytesOf('Transfer failed')).toBeUndefined();
    expect(isRdb(rdb)).toBe(true);
    expect(isRdb(Buffer.from('PGDMP'))).toBe(false);
  });
});

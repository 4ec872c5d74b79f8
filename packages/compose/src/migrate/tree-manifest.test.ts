import { createHash } from 'node:crypto';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { pack } from 'tar-stream';
import { describe, expect, it } from 'vitest';
import { compareManifests } from './compare-manifests.js';
import { TarTee } from './tar-tee.js';
import { readManifest } from './tree-manifest.js';

/** A tar as docker's archive API writes one: entries under the copied path's base name. */
function tarOf(
  files: Record<string, string>,
  extra: (p: ReturnType<typeof pack>) => void = () => {},
): Readable {
  const p = pack();
  p.entry({ name: 'data/', type: 'directory', mode: 0o755 });
  for (const [name, content] of Object.entries(files))
    p.entry({ name: `data/${name}`, mode: 0o640, uid: 7 }, content);
  extra(p);
  p.finalize();
  return p as unknown as Readable;
}

const sha = (text: string) => createHash('sha256').update(text).digest('hex');

describe('readManifest', () => {
  it('lists every entry relative to the root, hashing file content as it streams', async () => {
    const manifest = await readManifest(
      tarOf({ a: 'alpha', 'sub/b': 'bravo!' }, (p) => {
        p.entry({ name: 'data/link', type: 'symlink', linkname: 'a', mode: 0o777 });
        p.entry({ name: 'data/hard', type: 'link', linkname: 'data/a', mode: 0o640 });
      }),
    );
    expect(manifest.entries).toEqual([
      { path: '.', type: 'directory', size: 0, mode: 0o755, uid: 0, gid: 0 },
      { path: 'a', type: 'file', size: 5, mode: 0o640, uid: 7, gid: 0, sha256: sha('alpha') },
      { path: 'sub/b', type: 'file', size: 6, mode: 0o640, uid: 7, gid: 0, sha256: sha('bravo!') },
      { path: 'link', type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, target: 'a' },
      { path: 'hard', type: 'link', size: 0, mode: 0o640, uid: 0, gid: 0, target: 'a' },
    ]);
    expect(manifest).toMatchObject({ files: 2, bytes: 11 });
  });

  it('gives equal trees the same digest whatever the entry order, and different trees another', async () => {
    const one = await readManifest(tarOf({ a: '1', b: '2' }));
    const two = await readManifest(tarOf({ b: '2', a: '1' }));
    const three = await readManifest(tarOf({ a: '1', b: '3' }));
    expect(one.digest).toBe(two.digest);
    expect(three.digest).not.toBe(one.digest);
  });

  it('rejects what is not a tar and closes the stream it came from', async () => {
    const garbage = new PassThrough();
    const reading = readManifest(garbage);
    garbage.write(Buffer.alloc(1024, 7));
    await expect(reading).rejects.toThrow();
    expect(garbage.destroyed).toBe(true);
  });

  it('rejects a stream that breaks off', async () => {
    const broken = new PassThrough();
    const reading = readManifest(broken);
    broken.write(Buffer.alloc(512, 1));
    broken.destroy(new Error('connection reset'));
    await expect(reading).rejects.toThrow();
  });
});

describe('compareManifests', () => {
  it('names missing, extra and changed entries with the fields that differ', async () => {
    const source = await readManifest(tarOf({ a: 'same', b: 'old', gone: 'x' }));
    const target = await readManifest(tarOf({ a: 'same', b: 'new', added: 'y' }));
    expect(compareManifests(source, target)).toEqual([
      { path: 'b', kind: 'changed', fields: ['sha256'] },
      { path: 'gone', kind: 'missing' },
      { path: 'added', kind: 'extra' },
    ]);
    expect(compareManifests(source, source)).toEqual([]);
  });
});

describe('TarTee', () => {
  it('passes every byte through unchanged while the side reads the same stream', async () => {
    const side = new PassThrough();
    const hashing = readManifest(side);
    const out: Buffer[] = [];
    const files = Object.fromEntries(
      Array.from({ length: 50 }, (_, i) => [`f${i}`, `content ${i} `.repeat(500)]),
    );
    const original: Buffer[] = [];
    const source = tarOf(files);
    source.on('data', (chunk: Buffer) => original.push(chunk));
    await pipeline(source, new TarTee(side), async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) out.push(chunk);
    });
    const manifest = await hashing;
    expect(Buffer.concat(out).equals(Buffer.concat(original))).toBe(true);
    expect(manifest.files).toBe(50);
    expect((await readManifest(Readable.from(out))).digest).toBe(manifest.digest);
  });
});

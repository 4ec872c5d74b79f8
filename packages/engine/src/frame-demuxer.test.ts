import { describe, expect, it } from 'vitest';
import { type Frame, FrameDemuxer } from './frame-demuxer.js';

function frame(type: 0 | 1 | 2, payload: string | Buffer): Buffer {
  const data = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const header = Buffer.alloc(8);
  header[0] = type;
  header.writeUInt32BE(data.length, 4);
  return Buffer.concat([header, data]);
}

/** Joins the pieces of each stream: frames may arrive in any number of pieces. */
function collect(frames: Frame[]): { stdout: string; stderr: string } {
  const out = { stdout: '', stderr: '' };
  for (const f of frames) if (f.stream !== 'stdin') out[f.stream] += f.data.toString();
  return out;
}

describe('FrameDemuxer', () => {
  const wire = Buffer.concat([frame(1, 'hello\n'), frame(2, 'oops\n'), frame(1, 'world\n'), frame(1, '')]);

  it('splits frames arriving in one chunk', () => {
    const d = new FrameDemuxer('multiplexed');
    expect(collect(d.push(wire))).toEqual({ stdout: 'hello\nworld\n', stderr: 'oops\n' });
    expect(d.incomplete).toBe(false);
  });

  it('handles every split point, including inside headers', () => {
    for (let cut = 1; cut < wire.length; cut++) {
      const d = new FrameDemuxer('multiplexed');
      const frames = [...d.push(wire.subarray(0, cut)), ...d.push(wire.subarray(cut))];
      expect(collect(frames)).toEqual({ stdout: 'hello\nworld\n', stderr: 'oops\n' });
    }
  });

  it('handles byte-by-byte delivery', () => {
    const d = new FrameDemuxer('auto');
    const frames: Frame[] = [];
    for (const byte of wire) frames.push(...d.push(Buffer.from([byte])));
    expect(collect(frames)).toEqual({ stdout: 'hello\nworld\n', stderr: 'oops\n' });
  });

  it('keeps binary payloads and large frames intact', () => {
    const big = Buffer.alloc(200_000, 7);
    big[0] = 1;
    big[199_999] = 2;
    const d = new FrameDemuxer('multiplexed');
    const frames = [...d.push(frame(1, big).subarray(0, 70_000)), ...d.push(frame(1, big).subarray(70_000))];
    expect(Buffer.concat(frames.map((f) => f.data)).equals(big)).toBe(true);
  });

  it('treats a stream that does not start with a header as raw stdout (TTY) in auto mode', () => {
    const d = new FrameDemuxer('auto');
    const frames = [...d.push(Buffer.from('plain tty output\n')), ...d.push(Buffer.from('more\n'))];
    expect(collect(frames)).toEqual({ stdout: 'plain tty output\nmore\n', stderr: '' });
  });

  it('emits fewer than eight raw bytes at the end in auto mode', () => {
    const d = new FrameDemuxer('auto');
    const frames = [...d.push(Buffer.from('hi\n')), ...d.end()];
    expect(collect(frames)).toEqual({ stdout: 'hi\n', stderr: '' });
  });

  it('reports a stream cut inside a frame', () => {
    const d = new FrameDemuxer('multiplexed');
    d.push(frame(1, 'truncated payload').subarray(0, 12));
    expect(d.incomplete).toBe(true);
  });

  it('refuses a lost alignment in multiplexed mode', () => {
    const d = new FrameDemuxer('multiplexed');
    expect(() => d.push(Buffer.from('not a header at all'))).toThrow(/frame alignment/);
  });
});

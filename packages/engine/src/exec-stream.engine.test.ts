import { createHash } from 'node:crypto';
import { PassThrough, Readable, Writable } from 'node:stream';
import { engineSuite } from '@berth/testkit';
import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import { type TargetName, useSleepingContainer, useTarget } from './engine-targets.test-support.js';
import { execStream } from './exec-stream.js';

/** A Writable that hashes what it gets and takes its time, so backpressure has to hold. */
function slowSink(): Writable & { bytes: number; digest: () => string } {
  const hash = createHash('sha256');
  const sink = Object.assign(
    new Writable({
      highWaterMark: 1024,
      write(chunk: Buffer, _encoding, callback) {
        hash.update(chunk);
        sink.bytes += chunk.length;
        setImmediate(callback);
      },
    }),
    { bytes: 0, digest: () => hash.digest('hex') },
  );
  return sink;
}

engineSuite(
  'streaming exec on a real engine',
  () => {
    describe.each<TargetName>(['local', 'remote'])('%s', (targetName) => {
      const target = useTarget(targetName);
      const box = useSleepingContainer(target);

      it('streams stdin through the command into a slow stdout, byte for byte, with the exit code', async () => {
        const input = Buffer.alloc(3 * 1024 * 1024);
        for (let i = 0; i < input.length; i++) input[i] = (i * 7919) % 251;
        const sink = slowSink();
        const result = await execStream(target.docker, box.id, ['sh', '-c', 'cat; echo done >&2; exit 4'], {
          stdin: Readable.from([input.subarray(0, 1_000_000), input.subarray(1_000_000)]),
          stdout: sink,
        });
        expect(result).toMatchObject({
          exitCode: 4,
          stderr: 'done\n',
          stdinBytes: input.length,
          stdoutBytes: input.length,
        });
        expect(sink.digest()).toBe(createHash('sha256').update(input).digest('hex'));
      });

      it('keeps output when no sink is given, capped, and ends a command that exits without reading stdin', async () => {
        const result = await execStream(
          target.docker,
          box.id,
          ['sh', '-c', 'echo out; head -c 5000 /dev/zero >&2'],
          {
            stdin: Readable.from(
              (function* () {
                for (let i = 0; i < 64; i++) yield Buffer.alloc(64 * 1024);
              })(),
            ),
            maxCapturedBytes: 100,
          },
        );
        expect(result).toMatchObject({ exitCode: 0, stdout: 'out\n', truncated: true, stderrBytes: 5000 });
        expect(result.stderr).toHaveLength(100);
      });

      it('times out, cancels, and fails when the sink fails', async () => {
        const timedOut = await execStream(target.docker, box.id, ['sleep', '30'], {
          timeoutMs: 1000,
        }).catch((e) => e);
        expect(timedOut).toBeInstanceOf(EngineError);
        expect(timedOut).toMatchObject({ code: 'TIMEOUT' });
        const controller = new AbortController();
        const pending = execStream(
          target.docker,
          box.id,
          ['sh', '-c', 'while :; do echo tick; sleep 0.1; done'],
          {
            stdout: new PassThrough().resume(),
            signal: controller.signal,
          },
        );
        setTimeout(() => controller.abort(), 300);
        expect(await pending.catch((e) => e)).toMatchObject({ code: 'CANCELLED' });
        const broken = new Writable({
          write(_chunk, _encoding, callback) {
            callback(new Error('disk full'));
          },
        });
        const failed = await execStream(target.docker, box.id, ['head', '-c', '100000', '/dev/zero'], {
          stdout: broken,
        }).catch((e) => e);
        expect(failed).toBeInstanceOf(EngineError);
        expect((failed as Error).message).toContain('disk full');
      });
    });
  },
  { timeout: 300_000 },
);

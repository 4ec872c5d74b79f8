/**
 * Moving a volume's data from the local engine to an SSH host: berth's streamed copy
 * (engine archive API → tar → the remote engine's archive API, sha256 of every file on the
 * way) and the copy plus its verification read back, against the shell pipeline people
 * use, `docker run ... tar -c | ssh ... docker run -i ... tar -x`, run here as two child
 * processes piped in Node (argv, no shell) over the same data in the same run.
 */
import { spawn } from 'node:child_process';
import { createClientPool } from '@berth/client-pool';
import { copyTree, verifiedCopy } from '@berth/compose';
import { BerthConfig } from '@berth/config';
import { bindEngine, type HostEngine } from '@berth/engine';
import { busyboxImage, ensureImage, runCommand, startRemoteHost, testLabels } from '@berth/testkit';

const MEGABYTES = Number(process.env.BERTH_BENCH_MIGRATE_MB ?? 64);
const RUNS = 3;

/** Runs `producer | consumer` as two processes; rejects when either exits non-zero. */
function pipe(producer: string[], consumer: string[]): Promise<void> {
  const exit = (child: ReturnType<typeof spawn>, argv: string[]) =>
    new Promise<void>((resolve, reject) => {
      child.once('error', reject);
      child.once('close', (code) =>
        code === 0 ? resolve() : reject(new Error(`${argv[0]} exited ${code}`)),
      );
    });
  const [pf, ...pa] = producer as [string, ...string[]];
  const [cf, ...ca] = consumer as [string, ...string[]];
  const from = spawn(pf, pa, { shell: false, stdio: ['ignore', 'pipe', 'inherit'] });
  const to = spawn(cf, ca, { shell: false, stdio: ['pipe', 'ignore', 'inherit'] });
  from.stdout?.pipe(to.stdin as NodeJS.WritableStream);
  return Promise.all([exit(from, producer), exit(to, consumer)]).then(() => undefined);
}

async function seconds(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;
}

export const migrateThroughput = {
  name: 'migrate throughput',
  run: async (): Promise<string[]> => {
    const { tag: image } = await ensureImage(busyboxImage);
    await using remote = await startRemoteHost();
    await remote.loadImage(image);
    const labels = testLabels();
    const source = `berth-bench-migrate-${process.pid}`;
    const label = Object.entries(labels).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    await runCommand(['docker', 'volume', 'create', ...label, source], { timeoutMs: 30_000 });
    const pool = createClientPool({
      config: BerthConfig.parse({ profiles: { a: { type: 'local' }, b: remote.sshProfile() } }),
    });
    let reader: { id: string } | undefined;
    let a: HostEngine | undefined;
    try {
      // Random data in 4 MiB files, so neither side gains from compression or sparse files.
      const files = Math.max(1, Math.round(MEGABYTES / 4));
      await runCommand(
        [
          'docker',
          'run',
          '--rm',
          ...label,
          '-v',
          `${source}:/d`,
          image,
          'sh',
          '-c',
          `i=0; while [ $i -lt ${files} ]; do dd if=/dev/urandom of=/d/f$i bs=1M count=4 2>/dev/null; i=$((i+1)); done`,
        ],
        { timeoutMs: 5 * 60_000 },
      );
      const mb = (files * 4 * 1024 * 1024) / 1e6;
      const forever = new AbortController().signal;
      a = bindEngine(await pool.acquire('a'), { signal: forever });
      const b = bindEngine(await pool.acquire('b'), { signal: forever });
      reader = await a.containers.create({
        image,
        labels,
        mounts: [{ type: 'volume', source, target: '/m/data', readOnly: true }],
      });

      const baseline: number[] = [];
      const copy: number[] = [];
      const verified: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        const target = `${source}-b${run}`;
        baseline.push(
          await seconds(() =>
            pipe(
              [
                'docker',
                'run',
                '--rm',
                ...label,
                '-v',
                `${source}:/d:ro`,
                image,
                'tar',
                '-C',
                '/d',
                '-c',
                '.',
              ],
              remote.sshArgv([
                'docker',
                'run',
                '--rm',
                '-i',
                '-v',
                `${target}:/d`,
                image,
                'tar',
                '-C',
                '/d',
                '-x',
              ]),
            ),
          ),
        );
        await b.volumes.remove(target);
        for (const [times, check] of [
          [copy, false],
          [verified, true],
        ] as const) {
          const volume = `${target}-${check ? 'v' : 'c'}`;
          await b.volumes.create({ name: volume, labels });
          const sink = await b.containers.create({
            image,
            labels,
            mounts: [{ type: 'volume', source: volume, target: '/m/data' }],
          });
          const from = { engine: a, container: reader.id, path: '/m/data' };
          const to = { engine: b, container: sink.id, path: '/m/data', into: '/m' };
          times.push(
            await seconds(() =>
              check
                ? verifiedCopy(source, from, to, { signal: forever })
                : copyTree(from, to, { signal: forever }),
            ),
          );
          await b.containers.remove(sink.id, { force: true });
          await b.volumes.remove(volume);
        }
      }
      const line = (name: string, s: number) =>
        `${name}: ${(mb / s).toFixed(1)} MB/s (${mb.toFixed(0)} MB in ${s.toFixed(2)} s, median of ${RUNS}) = ${(median(baseline) / s).toFixed(2)}x the speed of docker run tar | ssh docker run tar`;
      return [
        `docker run tar | ssh docker run tar (baseline): ${(mb / median(baseline)).toFixed(1)} MB/s (${mb.toFixed(0)} MB in ${median(baseline).toFixed(2)} s, median of ${RUNS})`,
        line('berth copy (archive API to archive API, sha256 of every file)', median(copy)),
        line('berth copy + verification read back (what migrate does per volume)', median(verified)),
      ];
    } finally {
      if (a && reader) await a.containers.remove(reader.id, { force: true });
      await pool.dispose();
      await runCommand(['docker', 'volume', 'rm', '-f', source], { timeoutMs: 30_000, check: false });
    }
  },
};

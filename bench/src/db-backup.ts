/**
 * Backup throughput of a ~1 GB postgres database: berth's streamed backup (exec in the
 * container, demultiplexed, hashed and written to a contained temp file) against
 * `docker exec pg_dump > file` measured in the same run, both as plain SQL so neither
 * spends its time compressing. Also berth's peak memory while it backs up that database
 * and one a tenth its size (the whole process's RSS): a stream keeps it flat in the size of
 * the database.
 */
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createClientPool } from '@berth/client-pool';
import { BerthConfig } from '@berth/config';
import { openDbAdapter } from '@berth/db-adapters';
import { openHostEngine } from '@berth/engine';
import { ensureImage, postgresImage, testLabels, waitUntil } from '@berth/testkit';

const PASSWORD = 'bench pw; $(not run)';
// ~260 bytes of dump per row: 4M rows make ~1 GB of plain SQL (BERTH_BENCH_DB_ROWS for a quick look).
const BIG_ROWS = Number(process.env.BERTH_BENCH_DB_ROWS ?? 4_000_000);
const RUNS = 2;

/** `docker exec pg_dump > file`, the password in the CLI's environment, not its argv. */
function dockerExecDump(container: string, database: string, path: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const out = createWriteStream(path);
    const child = spawn(
      'docker',
      [
        'exec',
        '-e',
        'PGPASSWORD',
        '-e',
        'PGUSER=postgres',
        container,
        'pg_dump',
        '--format=plain',
        `--dbname=${database}`,
      ],
      { env: { PATH: process.env.PATH ?? '', PGPASSWORD: PASSWORD }, stdio: ['ignore', 'pipe', 'inherit'] },
    );
    child.stdout.pipe(out);
    child.on('error', reject);
    child.on('close', (code) => {
      out.close(() => (code === 0 ? resolve() : reject(new Error(`docker exec pg_dump exited ${code}`))));
    });
  });
}

/** Peak RSS of this process while `work` runs, sampled every 20 ms. */
async function peakRss<T>(work: () => Promise<T>): Promise<{ value: T; peakMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 20);
  try {
    const value = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { value, peakMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

export const dbBackup = {
  name: 'postgres backup',
  run: async (): Promise<string[]> => {
    const { tag } = await ensureImage(postgresImage);
    const pool = createClientPool({ config: BerthConfig.parse({ profiles: { local: { type: 'local' } } }) });
    const controller = new AbortController();
    const dir = mkdtempSync(join(tmpdir(), 'berth-bench-backup-'));
    const engine = await openHostEngine(pool, 'local', { signal: controller.signal });
    const { id } = await engine.containers.run({
      image: tag,
      env: { POSTGRES_PASSWORD: PASSWORD, POSTGRES_DB: 'bench' },
      labels: testLabels({ 'berth.bench': 'db-backup' }),
    });
    try {
      const db = await openDbAdapter(engine, id);
      await waitUntil('postgres answers', async () => Boolean(await db.query('SELECT 1')), {
        timeoutMs: 120_000,
        intervalMs: 500,
      });
      const fill = (rows: number) =>
        `CREATE TABLE big AS SELECT g AS id, repeat(md5(g::text), 7) AS payload, now() AS at FROM generate_series(1, ${rows}) g`;
      await db.query('CREATE DATABASE bench_small', { readOnly: false, timeoutMs: 60_000 });
      await db.query(fill(BIG_ROWS), { readOnly: false, timeoutMs: 30 * 60_000 });
      await db.query(fill(BIG_ROWS / 10), {
        readOnly: false,
        database: 'bench_small',
        timeoutMs: 30 * 60_000,
      });

      // The small database first: a heap the big one grew would hide any growth here.
      const small = await peakRss(() =>
        db.backup(
          { root: dir, path: join(dir, 'small.sql') },
          { database: 'bench_small', format: 'pg-plain' },
        ),
      );
      const baseline: number[] = [];
      const berth: number[] = [];
      let bytes = 0;
      let baselineBytes = 0;
      let bigPeak = 0;
      for (let i = 0; i < RUNS; i++) {
        const raw = join(dir, `raw-${i}.sql`);
        baseline.push(await timed(() => dockerExecDump(id, 'bench', raw)));
        baselineBytes = statSync(raw).size;
        rmSync(raw);
        let seconds = 0;
        const { value, peakMb } = await peakRss(async () => {
          const start = process.hrtime.bigint();
          const result = await db.backup(
            { root: dir, path: join(dir, `berth-${i}.sql`) },
            { format: 'pg-plain', timeoutMs: 30 * 60_000 },
          );
          seconds = Number(process.hrtime.bigint() - start) / 1e9;
          return result;
        });
        berth.push(seconds);
        bytes = value.bytes;
        bigPeak = Math.max(bigPeak, peakMb);
        rmSync(value.path);
      }
      const mb = (n: number) => n / 1024 / 1024;
      const berthRate = mb(bytes) / median(berth);
      const baseRate = mb(baselineBytes) / median(baseline);
      return [
        `dump size: berth ${mb(bytes).toFixed(0)} MiB, docker exec ${mb(baselineBytes).toFixed(0)} MiB (plain SQL)`,
        `berth backup: ${median(berth).toFixed(1)} s, ${berthRate.toFixed(0)} MiB/s (median of ${RUNS}) = ${(berthRate / baseRate).toFixed(2)}x docker exec pg_dump > file (${median(baseline).toFixed(1)} s, ${baseRate.toFixed(0)} MiB/s)  [target >= 0.8x]`,
        `berth peak RSS: ${bigPeak.toFixed(0)} MiB backing up ${mb(bytes).toFixed(0)} MiB, ${small.peakMb.toFixed(0)} MiB backing up ${mb(small.value.bytes).toFixed(0)} MiB (run first) = ${(bigPeak / small.peakMb).toFixed(2)}x for ${(bytes / small.value.bytes).toFixed(0)}x the data  [target: flat in the size of the database]`,
      ];
    } finally {
      await engine.containers.remove(id, { force: true }).catch(() => {});
      controller.abort();
      await pool.dispose();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

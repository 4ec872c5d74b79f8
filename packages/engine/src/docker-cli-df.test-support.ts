/*
 * Test-only: `docker system df` as the docker CLI prints it, to hold the engine's summary
 * against. Sizes there are go-units HumanSize strings: decimal units, 4 significant digits.
 */
import { runCommand } from '@berth/testkit';
import type { DiskUsage, DiskUsageKind } from './disk-usage.js';
import type { HostEngine } from './host-engine.js';

const UNITS: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };

/** Bytes of a HumanSize string and how far rounding may have moved them. */
export function parseHumanSize(text: string): { bytes: number; tolerance: number } {
  const match = /^([\d.]+(?:e[+-]?\d+)?)([kMGTP]?B)$/.exec(text.replace(/\s*\(.*\)$/, '').trim());
  const unit = UNITS[match?.[2] ?? ''];
  if (!match || unit === undefined) throw new Error(`not a docker size: "${text}"`);
  const value = Number(match[1]);
  const lastDigit = value > 0 ? 10 ** (Math.floor(Math.log10(value)) - 3) : 0;
  return { bytes: value * unit, tolerance: (lastDigit / 2) * unit + 1 };
}

interface CliRow {
  Type: string;
  TotalCount: string;
  Active: string;
  Size: string;
  Reclaimable: string;
}

const KIND_OF_TYPE: Record<string, keyof DiskUsage> = {
  Images: 'images',
  Containers: 'containers',
  'Local Volumes': 'volumes',
  'Build Cache': 'buildCache',
};

/** The engine runs one disk usage read at a time and refuses the others. */
const BUSY = /disk usage operation is already running/;

/**
 * The CLI's rows on the engine of `host`: run locally for the local profile, over SSH for
 * remote. Undefined when the engine was busy with another client's disk usage read.
 */
export async function cliDiskUsage(host: HostEngine, local: boolean): Promise<CliRow[] | undefined> {
  const argv = ['docker', 'system', 'df', '--format', '{{json .}}'];
  const { exitCode, stdout, stderr } = local
    ? await runCommand(argv, { timeoutMs: 60_000, check: false })
    : await host.run(argv);
  if (exitCode !== 0) {
    if (BUSY.test(stderr)) return undefined;
    throw new Error(`${argv.join(' ')} exited ${exitCode}: ${stderr.trim()}`);
  }
  return stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CliRow);
}

/** Where the engine's summary and the CLI's rows disagree beyond rounding ([] when they agree). */
export function dfDisagreements(ours: DiskUsage, rows: CliRow[]): string[] {
  const out: string[] = [];
  for (const row of rows) {
    const key = KIND_OF_TYPE[row.Type];
    if (!key) continue;
    const kind = ours[key] as DiskUsageKind;
    if (Number(row.TotalCount) !== kind.count)
      out.push(`${row.Type} count ${row.TotalCount} vs ${kind.count}`);
    if (Number(row.Active) !== kind.active) out.push(`${row.Type} active ${row.Active} vs ${kind.active}`);
    for (const [field, bytes] of [
      ['Size', kind.sizeBytes],
      ['Reclaimable', kind.reclaimableBytes],
    ] as const) {
      const cli = parseHumanSize(row[field]);
      if (Math.abs(cli.bytes - bytes) > cli.tolerance)
        out.push(`${row.Type} ${field} ${row[field]} vs ${bytes}`);
    }
  }
  if (out.length === 0 && rows.length !== 4) out.push(`expected 4 rows, got ${rows.length}`);
  return out;
}

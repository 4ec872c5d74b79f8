/* Test-only: the engine's disk usage summary held against `docker system df` (testkit). */
import { type CliDfRow, cliDfRows, DOCKER_SYSTEM_DF, parseHumanSize, runCommand } from '@berth/testkit';
import type { DiskUsage, DiskUsageKind } from './disk-usage.js';
import type { HostEngine } from './host-engine.js';

const KIND_OF_TYPE: Record<string, keyof DiskUsage> = {
  Images: 'images',
  Containers: 'containers',
  'Local Volumes': 'volumes',
  'Build Cache': 'buildCache',
};

/**
 * The CLI's rows on the engine of `host`: run locally for the local profile, over SSH for
 * remote. Undefined when the engine was busy with another client's disk usage read.
 */
export async function cliDiskUsage(host: HostEngine, local: boolean): Promise<CliDfRow[] | undefined> {
  return cliDfRows(
    local
      ? await runCommand(DOCKER_SYSTEM_DF, { timeoutMs: 60_000, check: false })
      : await host.run(DOCKER_SYSTEM_DF),
  );
}

/** Where the engine's summary and the CLI's rows disagree beyond rounding ([] when they agree). */
export function dfDisagreements(ours: DiskUsage, rows: CliDfRow[]): string[] {
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

import type { DiskUsage, DiskUsageKind } from '@berth/engine';
import { z } from 'zod';
import type { Row } from '../framework/tool-output.js';
import type { RowKey } from '../framework/tool-spec.js';
import { humanSize } from './sizes.js';

export const dfRow = z.object({
  type: z.string(),
  total: z.number(),
  active: z.number(),
  size: z.string(),
  reclaimable: z.string(),
  sizeBytes: z.number(),
  reclaimableBytes: z.number(),
});

export type DfRow = z.infer<typeof dfRow>;

/**
 * One `docker system df` line: the CLI's type names and its text (`747.2MB (100%)`, the
 * percent truncated; build cache without one), plus the exact byte figures.
 */
function dfLine(type: string, k: DiskUsageKind, percent: boolean): DfRow {
  const share =
    percent && k.sizeBytes > 0 ? ` (${Math.floor((k.reclaimableBytes * 100) / k.sizeBytes)}%)` : '';
  return {
    type,
    total: k.count,
    active: k.active,
    size: humanSize(k.sizeBytes),
    reclaimable: `${humanSize(k.reclaimableBytes)}${share}`,
    sizeBytes: k.sizeBytes,
    reclaimableBytes: k.reclaimableBytes,
  };
}

const ORDER = ['Images', 'Containers', 'Local Volumes', 'Build Cache'];

/** Keeps the CLI's order of types (the keyset sorts its number descending), then by host. */
export function dfKey(row: Row): RowKey {
  return [-ORDER.indexOf(String(row.type)), String(row.host ?? '')];
}

/** The four rows of `docker system df`, in its order and with its figures. */
export function dfRows(df: DiskUsage): DfRow[] {
  return [
    dfLine('Images', df.images, true),
    dfLine('Containers', df.containers, true),
    dfLine('Local Volumes', df.volumes, true),
    dfLine('Build Cache', df.buildCache, false),
  ];
}

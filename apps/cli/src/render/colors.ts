import pc from 'picocolors';
import type { CliIo } from '../cli-io.js';

export type Colors = ReturnType<typeof pc.createColors>;

/**
 * Colour only on a terminal, and never with NO_COLOR set (any value, as no-color.org
 * says). picocolors' own guess also turns colour on under CI without a terminal, so the
 * decision is made here.
 */
export function colorsFor(io: Pick<CliIo, 'env'>, isTTY: boolean): Colors {
  const noColor = io.env.NO_COLOR !== undefined && io.env.NO_COLOR !== '';
  return pc.createColors(isTTY && !noColor && io.env.TERM !== 'dumb');
}

/*
 * `docker system df` as the docker CLI prints it, for tests that hold berth's disk usage
 * against it. Sizes there are go-units HumanSize strings: decimal units, 4 significant digits.
 */
import type { CommandResult } from './run-command.js';

/** One row of `docker system df --format '{{json .}}'`. */
export interface CliDfRow {
  Type: string;
  TotalCount: string;
  Active: string;
  Size: string;
  Reclaimable: string;
}

/** Run it locally (runCommand) or on a remote host, and read the result with {@link cliDfRows}. */
export const DOCKER_SYSTEM_DF = ['docker', 'system', 'df', '--format', '{{json .}}'];

/** The engine runs one disk usage read at a time and refuses the others. */
const BUSY = /disk usage operation is already running/;

/** The CLI's rows; undefined when the engine was busy with another client's disk usage read. */
export function cliDfRows(result: CommandResult): CliDfRow[] | undefined {
  if (result.exitCode !== 0) {
    if (BUSY.test(result.stderr)) return undefined;
    throw new Error(`${DOCKER_SYSTEM_DF.join(' ')} exited ${result.exitCode}: ${result.stderr.trim()}`);
  }
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as CliDfRow);
}

const UNITS: Record<string, number> = { B: 1, kB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12, PB: 1e15 };

/** Bytes of a HumanSize string ("747.2MB", "2.8GB (85%)") and how far rounding may have moved them. */
export function parseHumanSize(text: string): { bytes: number; tolerance: number } {
  const match = /^([\d.]+(?:e[+-]?\d+)?)([kMGTP]?B)$/.exec(text.replace(/\s*\(.*\)$/, '').trim());
  const unit = UNITS[match?.[2] ?? ''];
  if (!match || unit === undefined) throw new Error(`not a docker size: "${text}"`);
  const value = Number(match[1]);
  const lastDigit = value > 0 ? 10 ** (Math.floor(Math.log10(value)) - 3) : 0;
  return { bytes: value * unit, tolerance: (lastDigit / 2) * unit + 1 };
}

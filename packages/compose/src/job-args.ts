import type { z } from 'zod';
import type {
  BuildOptions,
  DownOptions,
  LogsOptions,
  PullOptions,
  StopOptions,
  UpOptions,
} from './compose-schemas.js';

/**
 * The arguments of each compose subcommand from validated options: a flag appears only for
 * a real `true`, numbers are formatted here, and nothing the caller wrote becomes a flag.
 * The same flags work for v1 (1.29) and v2 unless noted.
 */
export function upArgs(options: z.output<typeof UpOptions>, nativeWait: boolean): string[] {
  const args = ['--detach'];
  if (options.build) args.push('--build');
  if (options.forceRecreate) args.push('--force-recreate');
  if (options.removeOrphans) args.push('--remove-orphans');
  // v2 waits itself; v1 has no --wait, the driver polls the containers' health instead.
  if (options.wait && nativeWait) {
    args.push('--wait', '--wait-timeout', String(Math.max(1, Math.ceil(options.waitTimeoutMs / 1000))));
  }
  return args;
}

export function downArgs(options: z.output<typeof DownOptions>): string[] {
  const args: string[] = [];
  if (options.volumes === true) args.push('--volumes');
  if (options.removeOrphans) args.push('--remove-orphans');
  if (options.timeoutSeconds !== undefined) args.push('--timeout', String(options.timeoutSeconds));
  return args;
}

export function stopArgs(options: z.output<typeof StopOptions>): string[] {
  return options.timeoutSeconds === undefined ? [] : ['--timeout', String(options.timeoutSeconds)];
}

export function logsArgs(options: z.output<typeof LogsOptions>): string[] {
  const args = ['--no-color', '--tail', String(options.tail)];
  if (options.timestamps) args.push('--timestamps');
  if (options.follow) args.push('--follow');
  return args;
}

export function pullArgs(options: z.output<typeof PullOptions>): string[] {
  return options.ignorePullFailures ? ['--ignore-pull-failures'] : [];
}

export function buildArgs(options: z.output<typeof BuildOptions>): string[] {
  const args: string[] = [];
  if (options.noCache) args.push('--no-cache');
  if (options.pull) args.push('--pull');
  return args;
}

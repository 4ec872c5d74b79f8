import { composeArgv } from './compose-argv.js';
import type { ComposeOutput, ComposeVersion, JobControl } from './compose-driver-types.js';
import { cleanText, type RunContext, runCompose } from './compose-runner.js';
import { type ParsedProject, parseOptions } from './parsed-options.js';
import { withRecordedFiles } from './v1-project-files.js';

/** Default deadlines per kind of job; a caller's `timeoutMs` replaces them. */
export const READ_MS = 60_000;
export const CHANGE_MS = 5 * 60_000;
export const LONG_MS = 15 * 60_000;
export const FOLLOW_MS = 60 * 60_000;

export type DetectVersion = (control?: JobControl) => Promise<ComposeVersion>;

/** What every job of one driver shares: option parsing, masking, and running one subcommand. */
export function jobRunner(ctx: RunContext, version: DetectVersion) {
  const output = (result: { stdout: string; stderr: string; truncated: boolean }): ComposeOutput => ({
    stdout: cleanText(ctx.masker, result.stdout),
    stderr: cleanText(ctx.masker, result.stderr),
    truncated: result.truncated,
  });

  /** Detects the version, runs one subcommand of a project, returns its masked output. */
  async function simple(
    operation: string,
    project: ParsedProject,
    args: string[],
    services: readonly string[],
    control: JobControl | undefined,
    defaultTimeoutMs: number,
  ): Promise<ComposeOutput> {
    const v = await version(control);
    const resolved =
      v.flavour === 'v1' ? await withRecordedFiles(ctx.host, project, control?.signal) : project;
    const argv = composeArgv(v, resolved, operation, args, services);
    const run = { operation, project: project.name, defaultTimeoutMs, ...(control ? { control } : {}) };
    return output(await runCompose(ctx, argv, run));
  }

  const opts = <S extends Parameters<typeof parseOptions>[0]>(schema: S, input: unknown, operation: string) =>
    parseOptions(schema, input, `${operation} options`, { operation, profile: ctx.host.profile });

  /** Signal and deadline of an engine call made for a job (v1's ps and ls read the engine). */
  const engineCall = (control: JobControl | undefined) => ({
    ...(control?.signal ? { signal: control.signal } : {}),
    ...(control?.timeoutMs !== undefined ? { timeoutMs: control.timeoutMs } : {}),
  });

  return { output, simple, opts, engineCall };
}

import type { ComposeDriver, ComposeProject as DriverProject, JobControl } from '@berth/compose';
import type { ComposeProject } from '@berth/discovery';
import { z } from 'zod';
import { didYouMean } from '../framework/closest-names.js';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import { learnSecrets } from './refs.js';

/** A compose project name, compose's own rule: never rewritten into another project's name. */
export const stackParam = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    'stack: lowercase letters, digits, "-" or "_", starting with a letter or digit',
  )
  .describe('Compose project name');

/** A project directory on the engine's host; discovery walks up from it to the compose file. */
export const dirParam = z
  .string()
  .max(4_096)
  .regex(/^\//, 'dir must be an absolute path on the host')
  .refine((v) => !v.split('/').includes('..') && !/[\0\n]/.test(v), 'dir: no "..", NUL or newline')
  .describe('Project folder on the host (absolute); the compose file is found upwards');

export const servicesParam = z
  .array(z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/, 'a service name'))
  .max(256)
  .optional()
  .describe('Only these services (default all)');

/** Which stack: `stack` (found by labels or under the profile's composePaths) and/or `dir`. */
export const stackRef = { stack: stackParam.optional(), dir: dirParam.optional() };

export interface StackRef {
  stack?: string | undefined;
  dir?: string | undefined;
}

export interface ResolvedStack {
  /** What the compose driver gets: name, files and directory, explicitly. */
  project: DriverProject & { name: string };
  /** The files as discovery resolved them; absent when only containers know the stack. */
  discovered?: ComposeProject;
}

/** The profile's folders of compose projects. */
export function composePathsOf(call: HostCall): readonly string[] {
  return call.config.profiles()[call.host.name]?.composePaths ?? [];
}

/** Secret-looking values of the project (service env, `.env`) become known to the call's masker. */
function learnProjectSecrets(project: ComposeProject, call: HostCall): void {
  learnSecrets(project.dotEnv, call.masker);
  for (const service of project.services) learnSecrets(service.environment, call.masker);
}

async function discover(call: HostCall, cwd: string, files: readonly string[], name?: string) {
  const discovery = await import('@berth/discovery');
  const engine = await call.engine();
  // The host's compose sees no variables of berth's process: interpolation uses `.env` only.
  const project = await discovery.loadComposeProject({
    cwd,
    files,
    env: {},
    home: '/root',
    source: discovery.hostFileSource(engine),
    signal: call.signal,
    logger: call.logger,
    ...(name ? { projectName: name } : {}),
  });
  learnProjectSecrets(project, call);
  return project;
}

/**
 * The stack a call names. `dir`: the project around that folder on the host, as compose
 * would find it (`stack` then overrides its name). `stack` alone: the project of that
 * exact name among the host's containers (by compose labels) and its compose paths; never
 * a project of another name.
 */
export async function resolveStack(call: HostCall, ref: StackRef): Promise<ResolvedStack> {
  if (ref.dir) {
    const discovered = await discover(call, ref.dir, [], ref.stack);
    const project = { name: discovered.name, files: discovered.files, directory: discovered.workingDir };
    return { project, discovered };
  }
  if (!ref.stack)
    throw new ToolError('INVALID', 'pass stack (a project name) or dir (its folder on the host)');
  const { hostStacks } = await import('@berth/discovery');
  const stacks = await hostStacks(await call.engine(), {
    composePaths: composePathsOf(call),
    signal: call.signal,
    logger: call.logger,
  });
  const found = stacks.filter((s) => s.project === ref.stack);
  if (found.length === 0) {
    const hint = didYouMean(
      ref.stack,
      stacks.map((s) => s.project),
      'list stacks with compose_read ls',
    );
    throw new ToolError('NOT_FOUND', `No stack "${ref.stack}" on host ${call.host.name}: ${hint}`);
  }
  if (found.length > 1) {
    const dirs = found.map((s) => s.workingDir ?? '?').join(', ');
    throw new ToolError('CONFLICT', `Stack "${ref.stack}" is in several folders (${dirs}); pass dir`);
  }
  const stack = found[0] as (typeof found)[number];
  if (!stack.workingDir) return { project: { name: stack.project } };
  const discovered = await discover(call, stack.workingDir, stack.configFiles, stack.project).catch(
    (error: unknown) => {
      // The stack's files may be gone while its containers run: compose can still act by name.
      call.logger.debug({ err: error, stack: stack.project }, 'stack files not readable');
      return undefined;
    },
  );
  const project = discovered
    ? { name: stack.project, files: discovered.files, directory: discovered.workingDir }
    : { name: stack.project };
  return discovered ? { project, discovered } : { project };
}

/** The compose CLI on the call's host, loaded on first use so server start stays fast. */
export async function composeDriver(call: HostCall): Promise<ComposeDriver> {
  const { createComposeDriver } = await import('@berth/compose');
  return createComposeDriver(await call.engine(), { masker: call.masker, logger: call.logger });
}

/**
 * A job's control: the call's signal (cancel kills the compose process), and compose's
 * lines as progress. `flush` awaits every notification: clients drop progress after the result.
 */
export function jobControl(call: HostCall): { control: JobControl; flush: () => Promise<void> } {
  const sent: Promise<void>[] = [];
  let lines = 0;
  const control: JobControl = {
    signal: call.signal,
    onProgress: ({ line }) => {
      lines += 1;
      sent.push(call.progress(lines, undefined, line).catch(() => {}));
    },
  };
  return { control, flush: async () => void (await Promise.all(sent)) };
}

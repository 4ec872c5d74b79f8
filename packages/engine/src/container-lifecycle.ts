import { setTimeout as sleep } from 'node:timers/promises';
import type Docker from 'dockerode';
import { type CallOptions, DEFAULT_TIMEOUT_MS, Deadline } from './call-options.js';
import { inspectContainer } from './containers.js';
import { EngineError } from './engine-error.js';
import { engineRequest, pathOf, type RequestSpec } from './engine-request.js';
import { inspectExec } from './exec-start.js';
import { freezeGuardOf } from './freeze-guard.js';
import { assertCount, assertRef, assertSignal } from './input-guards.js';

/** A POST to `/containers/{ref}/{action}`, with the resource named in every error. */
function action(
  docker: Docker,
  container: string,
  verb: string,
  spec: Partial<RequestSpec>,
  options: CallOptions,
  defaultTimeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<unknown> {
  const ref = assertRef('container', container);
  return engineRequest(
    docker,
    {
      method: 'POST',
      path: `${pathOf`/containers/${ref}`}/${verb}`,
      what: `${verb} container ${ref}`,
      data: { resource: 'container', ref, operation: `container.${verb}` },
      ...spec,
    },
    options,
    defaultTimeoutMs,
  );
}

/** Starts a container; starting a running one is not an error (HTTP 304). */
export async function startContainer(
  docker: Docker,
  container: string,
  options: CallOptions = {},
): Promise<void> {
  await action(docker, container, 'start', { okStatuses: [304] }, options);
}

export interface StopOptions extends CallOptions {
  /** Seconds the engine waits after SIGTERM before SIGKILL (engine default: 10). */
  timeoutSeconds?: number;
}

/** Stops a container; stopping a stopped one is not an error. The call deadline covers the grace period. */
export async function stopContainer(
  docker: Docker,
  container: string,
  options: StopOptions = {},
): Promise<void> {
  const t = graceSeconds(options);
  await action(docker, container, 'stop', { query: { t }, okStatuses: [304] }, options, stopTimeoutMs(t));
}

export async function restartContainer(
  docker: Docker,
  container: string,
  options: StopOptions = {},
): Promise<void> {
  const t = graceSeconds(options);
  await action(docker, container, 'restart', { query: { t } }, options, stopTimeoutMs(t));
}

/** The grace period of stop and restart, checked; undefined leaves the engine's default. */
function graceSeconds(options: StopOptions): number | undefined {
  return options.timeoutSeconds === undefined
    ? undefined
    : assertCount(options.timeoutSeconds, 'timeoutSeconds');
}

/** The default deadline of stop and restart: one ordinary call plus the grace period (engine default 10 s). */
export function stopTimeoutMs(seconds: number | undefined): number {
  // A bad value is rejected by the call itself; the deadline must still be a number.
  const grace = typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds : 10;
  return DEFAULT_TIMEOUT_MS + grace * 1000;
}

/** Waiting for a container to stop lasts as long as the container runs. */
export const DEFAULT_WAIT_TIMEOUT_MS = 10 * 60_000;

/** Sends a signal (default SIGKILL, as `docker kill`). */
export async function killContainer(
  docker: Docker,
  container: string,
  options: CallOptions & { killSignal?: string } = {},
): Promise<void> {
  const signal = options.killSignal === undefined ? undefined : assertSignal(options.killSignal);
  await action(docker, container, 'kill', { query: { signal } }, options);
}

/**
 * Freezes every process of a running container (the cgroup freezer), once the execs this
 * process is starting have their processes (see FreezeGuard) and so have the execs that
 * the engine shows as starting for other clients; the deadline covers those waits.
 */
export async function pauseContainer(
  docker: Docker,
  container: string,
  options: CallOptions = {},
): Promise<void> {
  const ref = assertRef('container', container);
  const deadline = new Deadline(options, DEFAULT_TIMEOUT_MS, `pause container ${ref}`);
  const data = { resource: 'container', ref, operation: 'container.pause' };
  try {
    await freezeGuardOf(docker).freeze(
      async () => {
        await othersExecsStarted(docker, ref, deadline.signal);
        return action(docker, ref, 'pause', {}, { signal: deadline.signal, timeoutMs: deadline.timeoutMs });
      },
      (execId) => execHasProcess(docker, execId, deadline.signal),
      deadline.signal,
    );
  } catch (error) {
    throw deadline.reason(data) ?? error;
  } finally {
    deadline.dispose();
  }
}

/** How often a pause asks again about an exec that another client is starting. */
const STARTING_POLL_MS = 10;

/** How many execs a pause asks about at once. */
const EXEC_INSPECTS_AT_ONCE = 8;

/**
 * Waits while the engine shows an exec of the container as starting (running, no pid yet):
 * one that another process or client started, which this process's guard cannot hold back.
 * The first look asks about every exec the container has; later looks only about those
 * that were starting. An exec that another process creates and starts while the pause is
 * under way is beyond reach: `docker exec` in a loop beside pauses still froze a container.
 */
async function othersExecsStarted(docker: Docker, ref: string, signal: AbortSignal): Promise<void> {
  let watched = (await inspectContainer(docker, ref, { signal })).ExecIDs ?? [];
  for (;;) {
    const starting: string[] = [];
    for (let i = 0; i < watched.length; i += EXEC_INSPECTS_AT_ONCE) {
      const batch = watched.slice(i, i + EXEC_INSPECTS_AT_ONCE);
      const states = await Promise.all(batch.map((execId) => execStarting(docker, execId, signal)));
      starting.push(...batch.filter((_, j) => states[j]));
    }
    if (starting.length === 0) return;
    watched = starting;
    await sleep(STARTING_POLL_MS, undefined, { signal });
  }
}

/** True while the engine shows an exec as started but without its process yet. */
async function execStarting(docker: Docker, execId: string, signal: AbortSignal): Promise<boolean> {
  const info = await inspectExecIfAny(docker, execId, signal);
  return info?.Running === true && !info.Pid;
}

/** True once an exec has its process (a pid), has exited, or is gone. */
async function execHasProcess(docker: Docker, execId: string, signal: AbortSignal): Promise<boolean> {
  const info = await inspectExecIfAny(docker, execId, signal);
  return info === undefined || (info.Pid ?? 0) > 0 || info.ExitCode !== null;
}

/** Exec inspect, or undefined when the engine no longer has the exec. */
function inspectExecIfAny(docker: Docker, execId: string, signal: AbortSignal) {
  return inspectExec(docker, execId, `inspect exec ${execId}`, { signal }).catch((error: unknown) => {
    if (error instanceof EngineError && error.code === 'NOT_FOUND') return undefined;
    throw error;
  });
}

/** Lets a paused container's processes run again. */
export async function unpauseContainer(
  docker: Docker,
  container: string,
  options: CallOptions = {},
): Promise<void> {
  await action(docker, container, 'unpause', {}, options);
}

export async function renameContainer(
  docker: Docker,
  container: string,
  newName: string,
  options: CallOptions = {},
): Promise<void> {
  const name = assertRef('new container name', newName);
  await action(docker, container, 'rename', { query: { name } }, options);
}

export interface RemoveContainerOptions extends CallOptions {
  /** Kill it first when running. */
  force?: boolean;
  /** Also remove its anonymous volumes. Only the boolean `true` counts. */
  volumes?: boolean;
}

export async function removeContainer(
  docker: Docker,
  container: string,
  options: RemoveContainerOptions = {},
): Promise<void> {
  const ref = assertRef('container', container);
  await engineRequest(
    docker,
    {
      method: 'DELETE',
      path: pathOf`/containers/${ref}`,
      // Strict booleans: the string "false" must never mean yes (a peer's bug).
      query: { force: options.force === true, v: options.volumes === true },
      what: `remove container ${ref}`,
      data: { resource: 'container', ref, operation: 'container.remove' },
    },
    options,
  );
}

export interface ProcessList {
  titles: string[];
  processes: string[][];
}

/**
 * Processes of a running container. `psArgs` goes to `ps` on the engine host, so it is
 * limited to option letters, digits, commas and `=` (no paths, no shell characters).
 */
export async function topContainer(
  docker: Docker,
  container: string,
  options: CallOptions & { psArgs?: string } = {},
): Promise<ProcessList> {
  const psArgs = options.psArgs;
  if (psArgs !== undefined && !/^-?[A-Za-z0-9,=]+( -?[A-Za-z0-9,=]+)*$/.test(psArgs)) {
    throw new EngineError(
      'INVALID',
      `psArgs "${psArgs}" may hold only ps options (letters, digits, ",", "=")`,
      {
        field: 'psArgs',
      },
    );
  }
  const ref = assertRef('container', container);
  const top = await engineRequest<{ Titles: string[]; Processes: string[][] | null }>(
    docker,
    {
      method: 'GET',
      path: pathOf`/containers/${ref}/top`,
      query: { ps_args: psArgs },
      what: `list processes of container ${ref}`,
      data: { resource: 'container', ref, operation: 'container.top' },
    },
    options,
  );
  return { titles: top.Titles, processes: top.Processes ?? [] };
}

/** Waits until the container stops and returns its exit code (default deadline: 10 minutes). */
export async function waitContainer(
  docker: Docker,
  container: string,
  options: CallOptions & { condition?: 'not-running' | 'next-exit' | 'removed' } = {},
): Promise<{ exitCode: number; error?: string }> {
  const result = (await action(
    docker,
    container,
    'wait',
    { query: { condition: options.condition ?? 'not-running' } },
    options,
    DEFAULT_WAIT_TIMEOUT_MS,
  )) as { StatusCode: number; Error?: { Message?: string } | null };
  return { exitCode: result.StatusCode, ...(result.Error?.Message ? { error: result.Error.Message } : {}) };
}

import type { RunOptions, RunResult } from '@berth/client-pool';
import type { BoundTarget } from './bound-call.js';
import { callsOn } from './bound-call.js';
import { Deadline } from './call-options.js';
import { EngineError } from './engine-error.js';
import { DEFAULT_RUN_TIMEOUT_MS, type EngineLease } from './engine-lease.js';
import { DEFAULT_EXEC_TIMEOUT_MS, type ExecOptions, type ExecResult, execInContainer } from './exec.js';
import {
  DEFAULT_EXEC_STREAM_TIMEOUT_MS,
  type ExecStreamOptions,
  type ExecStreamResult,
  execStream,
} from './exec-stream.js';
import { type HostContainers, hostContainers } from './host-engine-containers.js';
import { type HostImages, hostImages } from './host-engine-images.js';
import { type HostNetworks, hostNetworks } from './host-engine-networks.js';
import { type HostSystem, hostSystem } from './host-engine-system.js';
import { type HostVolumes, hostVolumes } from './host-engine-volumes.js';
import { assertArgv } from './input-guards.js';
import { toEngineError } from './to-engine-error.js';

/**
 * One engine host, bound to its connection, the caller's signal and the profile's
 * timeout. Every method takes the arguments of the free function of the same name
 * (`containers.start(ref)` is `startContainer(docker, ref)`) and fails with EngineError.
 *
 * Deadlines, one rule for every method:
 * - `signal` (bound) is joined to a call's own `signal`; either one aborts the call: CANCELLED.
 * - A call's own `timeoutMs` is its deadline when given.
 * - Otherwise an ordinary call (list, inspect, create, start, kill, remove, logs, stats,
 *   ...; and a stream's wait for its headers) has `timeoutMs`: the profile's timeout, or
 *   the one given to `bindEngine`. Past it: TIMEOUT.
 * - Operations whose natural length exceeds an ordinary call have
 *   max(`timeoutMs`, their own default): images.pull (10 min), every prune (5 min),
 *   system.diskUsage and diskUsageDetail (2 min), containers.stop/restart (30 s plus the
 *   grace period), containers.wait (10 min), exec (60 s), run (60 s). Each request an exec
 *   makes around its command (create, start, exit code) still has `timeoutMs`.
 * - Streams (containers.followLogs, system.events), once their headers arrive, run until
 *   they end or a signal aborts.
 */
export interface HostEngine {
  /** The profile this engine was reached through. */
  readonly profile: string;
  /** Aborts every call of this engine, in flight or future. */
  readonly signal: AbortSignal;
  /** The deadline of an ordinary call, in milliseconds. */
  readonly timeoutMs: number;
  readonly containers: HostContainers;
  readonly images: HostImages;
  readonly volumes: HostVolumes;
  readonly networks: HostNetworks;
  readonly system: HostSystem;
  /** `docker exec`: argv (never a shell line), demultiplexed output, the real exit code. */
  exec(container: string, argv: string[], options?: ExecOptions): Promise<ExecResult>;
  /**
   * `docker exec` with stdin from a Readable and stdout into a Writable, with backpressure
   * (dumps and restores of any size in constant memory); default deadline 30 min.
   */
  execStream(container: string, argv: string[], options?: ExecStreamOptions): Promise<ExecStreamResult>;
  /**
   * Runs argv on the engine's host over the same connection: an SSH exec session for ssh
   * profiles, a local process (with the profile's DOCKER_HOST) for local ones.
   */
  run(argv: string[], options?: RunOptions): Promise<RunResult>;
}

export interface BindEngineOptions {
  /** The caller's signal (a request, a CLI run): aborting it cancels every call. */
  signal: AbortSignal;
  /** Deadline of an ordinary call; default: the lease's (the profile's) timeoutMs. */
  timeoutMs?: number;
}

/** Binds a lease (client-pool's EngineClient, or anything of its shape) to a signal and a deadline. */
export function bindEngine(lease: EngineLease, options: BindEngineOptions): HostEngine {
  const timeoutMs = options.timeoutMs ?? lease.timeoutMs;
  if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new EngineError('INVALID', `profile ${lease.profile}: timeoutMs must be a positive number`, {
      resource: 'profile',
      ref: lease.profile,
      timeoutMs,
    });
  }
  const target: BoundTarget = {
    profile: lease.profile,
    docker: lease.docker,
    signal: options.signal,
    timeoutMs,
  };
  const call = callsOn(target);
  return {
    profile: target.profile,
    signal: target.signal,
    timeoutMs,
    containers: hostContainers(target),
    images: hostImages(target),
    volumes: hostVolumes(target),
    networks: hostNetworks(target),
    system: hostSystem(target),
    exec: (container, argv, execOptions) =>
      execInContainer(target.docker, container, argv, {
        requestTimeoutMs: timeoutMs,
        ...call(execOptions, DEFAULT_EXEC_TIMEOUT_MS),
      }),
    execStream: (container, argv, streamOptions) =>
      execStream(target.docker, container, argv, {
        requestTimeoutMs: timeoutMs,
        ...call(streamOptions, DEFAULT_EXEC_STREAM_TIMEOUT_MS),
      }),
    run: (argv, runOptions) => runOnHost(lease, argv, call(runOptions, DEFAULT_RUN_TIMEOUT_MS)),
  };
}

async function runOnHost(
  lease: EngineLease,
  argv: string[],
  options: RunOptions & { signal: AbortSignal; timeoutMs: number },
): Promise<RunResult> {
  const cmd = assertArgv(argv, 'argv');
  const what = `run ${JSON.stringify(cmd[0])} on profile ${lease.profile}`;
  const data = { resource: 'profile', ref: lease.profile, operation: 'host.run' };
  const deadline = new Deadline(options, options.timeoutMs, what);
  deadline.throwIfAborted(data);
  try {
    const running = lease.run(cmd, { ...options, signal: deadline.signal, timeoutMs: deadline.timeoutMs });
    return await deadline.race(running, data);
  } catch (error) {
    throw deadline.reason(data) ?? toEngineError(error, what, data);
  } finally {
    deadline.dispose();
  }
}

import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { DEFAULT_TRANSFER_TIMEOUT_MS, getArchive, type PutArchiveOptions, putArchive } from './archive.js';
import { type BoundTarget, callsOn } from './bound-call.js';
import type { CallOptions } from './call-options.js';
import {
  type ContainerSpec,
  type CreatedContainer,
  createContainer,
  runContainer,
} from './container-create.js';
import {
  DEFAULT_WAIT_TIMEOUT_MS,
  killContainer,
  type ProcessList,
  pauseContainer,
  type RemoveContainerOptions,
  removeContainer,
  renameContainer,
  restartContainer,
  type StopOptions,
  startContainer,
  stopContainer,
  stopTimeoutMs,
  topContainer,
  unpauseContainer,
  waitContainer,
} from './container-lifecycle.js';
import {
  type ContainerSummary,
  inspectContainer,
  type ListContainersOptions,
  listContainers,
} from './containers.js';
import type { LogLine } from './log-lines.js';
import {
  type ContainerLogOptions,
  type ContainerLogs,
  containerLogs,
  followLogs,
  type LogOptions,
} from './logs.js';
import type { Page } from './pagination.js';
import { type ContainerStats, containerStats } from './stats.js';

/** Containers of one host; each method is the free function of the same name, bound. */
export interface HostContainers {
  /** One engine call; newest first, keyset cursor. */
  list(options?: ListContainersOptions): Promise<Page<ContainerSummary>>;
  inspect(container: string, options?: CallOptions): Promise<Docker.ContainerInspectInfo>;
  create(spec: ContainerSpec, options?: CallOptions): Promise<CreatedContainer>;
  /** Create and start; a failed start removes what was created. */
  run(spec: ContainerSpec, options?: CallOptions): Promise<CreatedContainer>;
  start(container: string, options?: CallOptions): Promise<void>;
  stop(container: string, options?: StopOptions): Promise<void>;
  restart(container: string, options?: StopOptions): Promise<void>;
  kill(container: string, options?: CallOptions & { killSignal?: string }): Promise<void>;
  pause(container: string, options?: CallOptions): Promise<void>;
  unpause(container: string, options?: CallOptions): Promise<void>;
  remove(container: string, options?: RemoveContainerOptions): Promise<void>;
  rename(container: string, newName: string, options?: CallOptions): Promise<void>;
  top(container: string, options?: CallOptions & { psArgs?: string }): Promise<ProcessList>;
  wait(
    container: string,
    options?: CallOptions & { condition?: 'not-running' | 'next-exit' | 'removed' },
  ): Promise<{ exitCode: number; error?: string }>;
  logs(container: string, options?: ContainerLogOptions): Promise<ContainerLogs>;
  followLogs(container: string, options?: LogOptions): AsyncGenerator<LogLine, void, undefined>;
  stats(container: string, options?: CallOptions): Promise<ContainerStats>;
  /** A tar stream of `path` in the container (also of a created, never started one); `docker cp` out. */
  archive(container: string, path: string, options?: CallOptions): Promise<Readable>;
  /** Extracts a tar stream into directory `path` of the container; `docker cp` in. Default deadline 30 min. */
  putArchive(container: string, path: string, tar: Readable, options?: PutArchiveOptions): Promise<void>;
}

export function hostContainers(target: BoundTarget): HostContainers {
  const { docker } = target;
  const call = callsOn(target);
  return {
    list: (options) => listContainers(docker, call(options)),
    inspect: (container, options) => inspectContainer(docker, container, call(options)),
    create: (spec, options) => createContainer(docker, spec, call(options)),
    run: (spec, options) => runContainer(docker, spec, call(options)),
    start: (container, options) => startContainer(docker, container, call(options)),
    stop: (container, options) =>
      stopContainer(docker, container, call(options, stopTimeoutMs(options?.timeoutSeconds))),
    restart: (container, options) =>
      restartContainer(docker, container, call(options, stopTimeoutMs(options?.timeoutSeconds))),
    kill: (container, options) => killContainer(docker, container, call(options)),
    pause: (container, options) => pauseContainer(docker, container, call(options)),
    unpause: (container, options) => unpauseContainer(docker, container, call(options)),
    remove: (container, options) => removeContainer(docker, container, call(options)),
    rename: (container, newName, options) => renameContainer(docker, container, newName, call(options)),
    top: (container, options) => topContainer(docker, container, call(options)),
    wait: (container, options) => waitContainer(docker, container, call(options, DEFAULT_WAIT_TIMEOUT_MS)),
    logs: (container, options) => containerLogs(docker, container, call(options)),
    followLogs: (container, options) => followLogs(docker, container, call(options)),
    stats: (container, options) => containerStats(docker, container, call(options)),
    archive: (container, path, options) => getArchive(docker, container, path, call(options)),
    putArchive: (container, path, tar, options) =>
      putArchive(docker, container, path, tar, call(options, DEFAULT_TRANSFER_TIMEOUT_MS)),
  };
}

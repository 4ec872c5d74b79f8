import type { RunOptions, RunResult } from '@berth/client-pool';
import type { ContainerSummary } from '@berth/engine';

/** A container row as discovery needs it: any engine listing gives these fields. */
export type ContainerRow = Pick<ContainerSummary, 'id' | 'name' | 'labels' | 'state'>;

/** Anything that runs argv on a host (a HostEngine, an EngineClient). */
export interface HostRunner {
  run(argv: string[], options?: RunOptions): Promise<RunResult>;
}

export interface StackContainer {
  id: string;
  name: string;
  service: string;
  state: string;
  /** `com.docker.compose.container-number`. */
  number?: number;
  /** A `compose run` container, not one of the service's replicas. */
  oneoff: boolean;
}

/** One compose project on a host, from its containers' labels and/or the profile's compose paths. */
export interface RemoteStack {
  project: string;
  /** The project directory on the host, when known. */
  workingDir?: string;
  /** Absolute compose file paths on the host. */
  configFiles: string[];
  /** Service names seen on containers, sorted. */
  services: string[];
  containers: StackContainer[];
  /** Found through containers, through a compose path, or both. */
  via: Array<'containers' | 'compose-path'>;
}

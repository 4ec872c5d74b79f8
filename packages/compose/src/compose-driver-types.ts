import type { HostEngine } from '@berth/engine';
import type { Masker } from '@berth/security';
import type {
  BuildOptions,
  ComposeProject,
  ConfigOptions,
  DownOptions,
  LogsOptions,
  LsOptions,
  PsOptions,
  PullOptions,
  RestartOptions,
  StartOptions,
  StopOptions,
  UpOptions,
} from './compose-schemas.js';

/** Which compose a host has: v2 (`docker compose` plugin or a v2 `docker-compose`) or v1 (`docker-compose` 1.x). */
export interface ComposeVersion {
  flavour: 'v1' | 'v2';
  /** As compose reports it, e.g. `2.26.1` or `1.29.2`. */
  version: string;
  /** The argv prefix that runs it: `['docker', 'compose']` or `['docker-compose']`. */
  command: readonly string[];
}

/** One line of compose's output while a job runs, masked and with control characters made visible. */
export interface ComposeProgress {
  stream: 'stdout' | 'stderr';
  line: string;
}

/** How a job runs: cancellation, deadline, progress. Aborting or the deadline kills the compose process. */
export interface JobControl {
  signal?: AbortSignal;
  /** Deadline of the whole job; default per job (see README). */
  timeoutMs?: number;
  /** Called for each line compose prints while it runs. */
  onProgress?: (event: ComposeProgress) => void;
}

/** What a finished compose command printed, masked. */
export interface ComposeOutput {
  stdout: string;
  stderr: string;
  truncated: boolean;
}

export type ComposeHealth = 'healthy' | 'unhealthy' | 'starting' | 'none';

export interface ComposePort {
  containerPort: number;
  protocol: string;
  hostIp?: string;
  hostPort?: number;
}

/** One container of a project, the same shape from v1 and v2. */
export interface ComposeContainer {
  id: string;
  name: string;
  project: string;
  service: string;
  image: string;
  /** `running`, `exited`, `created`, `restarting`, `paused`, `dead`. */
  state: string;
  health: ComposeHealth;
  /** Exit code of a container that is not running. */
  exitCode?: number;
  /** The engine's human status (`Up 3 minutes (healthy)`). */
  status: string;
  ports: ComposePort[];
}

/** One project on a host, the same shape from v1 (derived from container labels) and v2 (`ls`). */
export interface ComposeStack {
  name: string;
  /** Containers per state, e.g. `{ running: 2, exited: 1 }`. */
  states: Record<string, number>;
  /** Compose's summary, e.g. `running(2), exited(1)`. */
  status: string;
  configFiles: string[];
  workingDir?: string;
}

export interface ComposeConfig extends ComposeOutput {
  /** The resolved model as YAML, secrets masked. */
  yaml: string;
}

export interface ComposeLogs extends ComposeOutput {
  /** The log lines, masked. */
  text: string;
}

export interface ComposeUpResult extends ComposeOutput {
  /** The project's containers after the job (and after waiting, when `wait`). */
  containers: ComposeContainer[];
}

/**
 * The compose CLI on one host. Every job validates its options first (strict booleans,
 * service names, no value in a flag position), passes `--project-name`, `--file` and
 * `--project-directory` explicitly, and fails with ComposeError.
 */
export interface ComposeDriver {
  /** The profile the driver runs on. */
  readonly profile: string;
  /** The host the driver runs on (deploy writes the stack's files through it). */
  readonly host: HostEngine;
  /** Masks everything the driver returns or throws; teach it secrets with `addSecrets`. */
  readonly masker: Masker;
  /** Which compose the host has; detected once per profile, then cached. */
  version(control?: JobControl): Promise<ComposeVersion>;
  ls(options?: LsOptions, control?: JobControl): Promise<ComposeStack[]>;
  ps(project: ComposeProject, options?: PsOptions, control?: JobControl): Promise<ComposeContainer[]>;
  config(project: ComposeProject, options?: ConfigOptions, control?: JobControl): Promise<ComposeConfig>;
  /** `config --quiet`: resolves when the files are valid, INVALID with compose's message when not. */
  validate(project: ComposeProject, control?: JobControl): Promise<void>;
  logs(project: ComposeProject, options?: LogsOptions, control?: JobControl): Promise<ComposeLogs>;
  up(project: ComposeProject, options?: UpOptions, control?: JobControl): Promise<ComposeUpResult>;
  down(project: ComposeProject, options?: DownOptions, control?: JobControl): Promise<ComposeOutput>;
  restart(project: ComposeProject, options?: RestartOptions, control?: JobControl): Promise<ComposeOutput>;
  stop(project: ComposeProject, options?: StopOptions, control?: JobControl): Promise<ComposeOutput>;
  start(project: ComposeProject, options?: StartOptions, control?: JobControl): Promise<ComposeOutput>;
  pull(project: ComposeProject, options?: PullOptions, control?: JobControl): Promise<ComposeOutput>;
  build(project: ComposeProject, options?: BuildOptions, control?: JobControl): Promise<ComposeOutput>;
}

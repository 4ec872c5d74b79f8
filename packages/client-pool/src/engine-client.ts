import type Docker from 'dockerode';
import type { RunOptions, RunResult } from './run-result.js';

export type Transport = 'local' | 'tcp' | 'ssh';

/** A live Docker client for one profile. */
export interface EngineClient {
  readonly profile: string;
  /** dockerode, wired to this profile's engine and nothing else. */
  readonly docker: Docker;
  readonly transport: Transport;
  /** The profile allows read operations only. */
  readonly readOnly: boolean;
  /** The profile's default timeout for one engine call, in ms (pass an AbortSignal per call). */
  readonly timeoutMs: number;
  /**
   * Runs argv on the engine's host over the same connection as `docker`, never through a
   * local shell: a local process (allowlisted env, DOCKER_HOST of the profile) for local
   * profiles, an SSH exec channel with every element quoted for the remote shell for ssh
   * profiles; tcp profiles reject with UNSUPPORTED. The deadline is `options.timeoutMs`
   * (default: the profile's timeoutMs) and `options.signal` cancels; either kills the
   * command. The same as `pool.run(profile, argv, options)`.
   */
  run(argv: string[], options?: RunOptions): Promise<RunResult>;
}

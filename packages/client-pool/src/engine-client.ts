import type Docker from 'dockerode';

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
}

import type Docker from 'dockerode';

/** One configured engine, as tools see it. */
export interface HostSummary {
  name: string;
  type: string;
  readOnly: boolean;
  isDefault: boolean;
  description?: string;
}

/** A Docker client for one host, for the length of one call. */
export interface HostLease {
  docker: Docker;
  readOnly: boolean;
}

/**
 * What the tools need from the app: the configured hosts and a client per host. The app
 * builds it from @berth/config and @berth/client-pool on the first tool call, never at
 * start (initialize and tools/list touch no engine).
 */
export interface ToolBackend {
  hosts(): HostSummary[];
  defaultHost(): string;
  acquire(host: string, options: { signal: AbortSignal }): Promise<HostLease>;
}

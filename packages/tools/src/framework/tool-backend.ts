import type Docker from 'dockerode';

/** One configured engine, as tools see it. */
export interface HostSummary {
  name: string;
  type: string;
  readOnly: boolean;
  isDefault: boolean;
  description?: string;
  tags?: string[];
  /** The profile's deadline for one engine call (ms); engine operations take it as `timeoutMs`. */
  timeoutMs?: number;
  /**
   * The config the host list comes from, for the `host_config` tool. Stopgap: HostCall does
   * not carry the backend yet, so the store rides on the summary (same object on every host).
   */
  config?: HostConfigStore;
}

/** A Docker client for one host, for the length of one call. */
export interface HostLease {
  docker: Docker;
  readOnly: boolean;
}

/** Where profile writes go and how the running server picks them up. */
export interface HostConfigStore {
  /** The config file writes go to (`--config`, else the project file, else the user file). */
  writeTarget(): Promise<string>;
  /** Reloads the config now (the file watcher would, a moment later); resolves once applied. */
  reload(): Promise<void>;
  /** Home directory whose ~/.ssh/config `import` reads. */
  home: string;
  env: NodeJS.ProcessEnv;
}

/**
 * What the tools need from the app: the configured hosts and a client per host. The app
 * builds it from @berth/config and @berth/client-pool on the first tool call, never at
 * start (initialize and tools/list touch no engine). `hosts()` and `defaultHost()` reflect
 * the current config on every call (hot reload).
 */
export interface ToolBackend {
  hosts(): HostSummary[];
  defaultHost(): string;
  acquire(host: string, options: { signal: AbortSignal }): Promise<HostLease>;
  /** Config writes (host_config); absent when the app has no writable config. */
  config?: HostConfigStore;
}

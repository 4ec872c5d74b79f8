import type { Profile } from '@berth/config';

/** One configured engine, as tools see it (from the profile; no engine is asked). */
export interface HostSummary {
  name: string;
  type: string;
  readOnly: boolean;
  isDefault: boolean;
  /** The profile asks for no confirmation of data-losing actions (automation). */
  noConfirm: boolean;
  description?: string;
  tags?: string[];
  /** The profile's deadline for one engine call (ms). */
  timeoutMs: number;
}

/** Where profile writes go and how the running server picks them up. */
export interface HostConfigStore {
  /** The config file writes go to (`--config`, else the project file, else the user file). */
  writeTarget(): Promise<string>;
  /** Reloads the config now (the file watcher would, a moment later); resolves once applied. */
  reload(): Promise<void>;
  /** Every profile of the config the server loaded (disabled ones too), defaults applied. */
  profiles(): Readonly<Record<string, Profile>>;
  /** Home directory whose ~/.ssh/config `import` reads. */
  home: string;
  env: NodeJS.ProcessEnv;
}

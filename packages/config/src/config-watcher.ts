import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from 'pino';
import { ConfigError } from './config-error.js';
import { type ConfigIssue, formatIssue } from './config-issue.js';
import { type ConfigSource, configFileCandidates } from './config-sources.js';
import { DebouncedFileWatch } from './debounced-file-watch.js';
import { diffProfiles } from './diff-profiles.js';
import { type LoadConfigOptions, loadConfig } from './load-config.js';
import type { BerthConfig } from './profile-schema.js';

export interface ConfigChange {
  config: BerthConfig;
  previous: BerthConfig;
  /** Profiles added, removed, or different in any field; sorted. */
  changedProfiles: string[];
  defaultProfileChanged: boolean;
  warnings: ConfigIssue[];
  sources: ConfigSource[];
}

export interface WatchConfigOptions extends LoadConfigOptions {
  /** Quiet time after the last file event before reloading; editors write in bursts. Default 150 ms. */
  debounceMs?: number;
}

type Listeners = { change: Set<(change: ConfigChange) => void>; error: Set<(error: ConfigError) => void> };

/**
 * Watches the config files in use and reloads on change. A valid change emits `change`;
 * an invalid one emits `error` (RELOAD_FAILED) and `current` stays the last good config.
 * Listener errors are not emitted as events: `error` listeners are optional here.
 */
export class ConfigWatcher implements AsyncDisposable {
  #current: BerthConfig;
  #warnings: ConfigIssue[];
  #failing = false;
  readonly #watch: DebouncedFileWatch<ConfigError>;
  readonly #listeners: Listeners = { change: new Set(), error: new Set() };

  constructor(
    initial: BerthConfig,
    private readonly options: WatchConfigOptions,
    private readonly logger?: Logger,
    initialWarnings: ConfigIssue[] = [],
  ) {
    this.#current = initial;
    this.#warnings = initialWarnings;
    this.#watch = new DebouncedFileWatch({
      debounceMs: options.debounceMs,
      reload: () => this.#reloadOnce(),
      watchError: (message, cause) => new ConfigError('WATCH_FAILED', message, {}, { cause }),
      onError: (error) => this.#emitError(error),
      onWatching: (dir, files) => this.logger?.debug({ dir, files }, 'watching config directory'),
    });
  }

  /** The last good configuration. */
  get current(): BerthConfig {
    return this.#current;
  }

  /** The warnings of the last good load (an ignored project file, a loosening cut, insecure choices). */
  get warnings(): readonly ConfigIssue[] {
    return this.#warnings;
  }

  on(event: 'change', listener: (change: ConfigChange) => void): () => void;
  on(event: 'error', listener: (error: ConfigError) => void): () => void;
  on(event: 'change' | 'error', listener: ((change: ConfigChange) => void) | ((error: ConfigError) => void)) {
    const set = this.#listeners[event] as Set<typeof listener>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Starts watching the directories of every candidate file (existing or not). */
  start(): void {
    const paths = configFileCandidates(this.options).map((candidate) => candidate.path);
    // A missing directory (no user config yet) cannot be watched; creating it needs a restart.
    this.#watch.start(paths.filter((path) => existsSync(dirname(path))));
  }

  /** Reloads now; concurrent calls are folded into one extra run so the last state always wins. */
  reload(): Promise<void> {
    return this.#watch.reload();
  }

  async #reloadOnce(): Promise<void> {
    const result = await loadConfig(this.options);
    if (this.#watch.closed) return;
    if (!result.ok) {
      this.#failing = true;
      const reasons = result.errors.map(formatIssue).join('; ');
      this.#emitError(
        new ConfigError('RELOAD_FAILED', `config not reloaded, keeping the last good one: ${reasons}`, {
          issues: result.errors,
        }),
      );
      return;
    }
    this.#warnings = result.warnings;
    const previous = this.#current;
    const changedProfiles = diffProfiles(previous, result.config);
    const defaultProfileChanged = previous.defaultProfile !== result.config.defaultProfile;
    // A recovery from a broken file is reported even when the result equals the last good config.
    if (changedProfiles.length === 0 && !defaultProfileChanged && !this.#failing) return;
    this.#failing = false;
    this.#current = result.config;
    const change = {
      config: result.config,
      previous,
      changedProfiles,
      defaultProfileChanged,
      warnings: result.warnings,
      sources: result.sources,
    };
    this.logger?.info({ changedProfiles, defaultProfileChanged }, 'config reloaded');
    for (const listener of this.#listeners.change) this.#call(() => listener(change));
  }

  #emitError(error: ConfigError): void {
    this.logger?.warn({ code: error.code, issues: error.data.issues }, error.message);
    for (const listener of this.#listeners.error) this.#call(() => listener(error));
  }

  #call(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.logger?.error({ err: error }, 'config listener threw');
    }
  }

  close(): Promise<void> {
    return this.#watch.close();
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}

/**
 * Loads the config and watches its files. The first load must succeed (INVALID_CONFIG
 * otherwise): a server needs one good config to start from.
 */
export async function watchConfig(options: WatchConfigOptions = {}): Promise<ConfigWatcher> {
  const first = await loadConfig(options);
  if (!first.ok) {
    throw new ConfigError('INVALID_CONFIG', `invalid config: ${first.errors.map(formatIssue).join('; ')}`, {
      issues: first.errors,
    });
  }
  const watcher = new ConfigWatcher(first.config, options, options.logger, first.warnings);
  watcher.start();
  return watcher;
}

import type { BerthConfig, Profile } from '@berth/config';
import { profilesEqual } from '@berth/config/lite';
import { abortError } from './abortable.js';
import { ClientPoolError } from './client-pool-error.js';
import type { EngineClient } from './engine-client.js';
import { checkHealth, type HealthResult } from './health-check.js';
import { IdleEviction } from './idle-eviction.js';
import { createPoolEntry, type PoolEntry } from './pool-entry.js';
import { type ClientPoolOptions, type PoolSettings, resolvePoolSettings } from './pool-settings.js';
import type { RunOptions, RunResult } from './run-result.js';

export interface ClientPool extends AsyncDisposable {
  acquire(profile: string, options?: { signal?: AbortSignal }): Promise<EngineClient>;
  run(profile: string, argv: string[], options?: RunOptions): Promise<RunResult>;
  health(profile: string, options?: { timeoutMs?: number }): Promise<HealthResult>;
  reconcile(config: BerthConfig): Promise<string[]>;
  evict(profile: string): Promise<void>;
  profiles(): string[];
  dispose(): Promise<void>;
}

class Pool implements ClientPool {
  private config: BerthConfig;
  private readonly entries = new Map<string, PoolEntry>();
  private readonly settings: PoolSettings;
  private readonly idle: IdleEviction;
  private disposed = false;

  constructor(options: ClientPoolOptions) {
    this.config = options.config;
    this.settings = resolvePoolSettings(options);
    this.idle = new IdleEviction({
      idleMs: this.settings.idleMs,
      logger: this.settings.logger,
      isCurrent: (entry) => this.entries.get(entry.name) === entry,
      evict: (name) => void this.evict(name),
    });
  }

  profiles(): string[] {
    return Object.keys(this.config.profiles);
  }

  async acquire(name: string, options: { signal?: AbortSignal } = {}): Promise<EngineClient> {
    return (await this.acquireEntry(name, options.signal)).client;
  }

  private async acquireEntry(name: string, signal: AbortSignal | undefined): Promise<PoolEntry> {
    // Reconcile may replace the entry while it connects; then connect the new one.
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortError(signal, `acquiring profile "${name}"`, { profile: name });
      const entry = this.entryFor(name);
      this.idle.touch(entry);
      if (!entry.connection) return entry;
      try {
        await entry.connection.connect(signal);
        return entry;
      } catch (error) {
        const replaced = this.entries.get(name) !== entry;
        if (!replaced || attempt >= 3 || (error as ClientPoolError).code !== 'CLOSED') throw error;
      }
    }
  }

  private profileOf(name: string): Profile {
    if (this.disposed)
      throw new ClientPoolError('CLOSED', 'The client pool was disposed.', { profile: name });
    const profile = Object.hasOwn(this.config.profiles, name) ? this.config.profiles[name] : undefined;
    if (!profile) {
      const known = this.profiles();
      throw new ClientPoolError(
        'UNKNOWN_PROFILE',
        `No profile "${name}". Known profiles: ${known.length ? known.join(', ') : '(none)'}.`,
        { profile: name, known },
      );
    }
    if (!profile.enabled) {
      throw new ClientPoolError(
        'DISABLED',
        `Profile "${name}" is disabled (enabled: false); enable it to use it.`,
        { profile: name },
      );
    }
    return profile;
  }

  private entryFor(name: string): PoolEntry {
    const profile = this.profileOf(name);
    const existing = this.entries.get(name);
    if (existing) return existing;
    const entry = createPoolEntry(name, profile, this.settings, (used) => this.idle.touch(used));
    this.entries.set(name, entry);
    return entry;
  }

  /** The lease's own run: one code path whether a caller holds the client or only the name. */
  async run(name: string, argv: string[], options: RunOptions = {}): Promise<RunResult> {
    return this.entryFor(name).client.run(argv, options);
  }

  health(name: string, options: { timeoutMs?: number } = {}): Promise<HealthResult> {
    const target = {
      timeoutMs: () => this.profileOf(name).timeoutMs,
      acquire: async (signal: AbortSignal) => (await this.acquireEntry(name, signal)).client,
    };
    return checkHealth(name, target, options);
  }

  async reconcile(config: BerthConfig): Promise<string[]> {
    const changed: string[] = [];
    for (const [name, entry] of this.entries) {
      const next = Object.hasOwn(config.profiles, name) ? config.profiles[name] : undefined;
      if (!next || !profilesEqual(entry.profile, next)) changed.push(name);
    }
    this.config = config;
    await Promise.all(changed.map((name) => this.evict(name)));
    if (changed.length)
      this.settings.logger.info({ profiles: changed }, 'clients evicted after a configuration change');
    return changed;
  }

  async evict(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) return;
    this.entries.delete(name);
    clearTimeout(entry.idleTimer);
    entry.connection?.close();
    entry.agent.destroy();
    this.settings.logger.debug({ profile: name }, 'client evicted');
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    const names = [...this.entries.keys()];
    await Promise.all(names.map((name) => this.evict(name)));
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.dispose();
  }
}

/** One Docker client per profile name: local socket, TCP/TLS, or SSH with host-key verification. */
export function createClientPool(options: ClientPoolOptions): ClientPool {
  return new Pool(options);
}

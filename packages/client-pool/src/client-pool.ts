import type { Agent } from 'node:http';
import { type BerthConfig, type Profile, profilesEqual } from '@berth/config';
import { type Logger, pino } from 'pino';
import { abortable, abortError } from './abortable.js';
import { ClientPoolError } from './client-pool-error.js';
import { createLocalDocker, createSshDocker, createTcpDocker, localSocketPath } from './docker-factory.js';
import type { EngineClient } from './engine-client.js';
import { allowlistedEnv, runLocally } from './local-command.js';
import { defaultHomeDir, defaultKnownHostsDir } from './paths.js';
import type { RunOptions, RunResult } from './run-result.js';
import { runOverSsh } from './ssh-command.js';
import { SshConnection } from './ssh-connection.js';
import { SshHttpAgent } from './ssh-http-agent.js';

export interface ClientPoolOptions {
  config: BerthConfig;
  /** Default: silent. */
  logger?: Logger;
  /** Default: process.env. Read for DOCKER_HOST (local profiles only), SSH_AUTH_SOCK, HOME, XDG_STATE_HOME. */
  env?: NodeJS.ProcessEnv;
  /** Close a client unused for this long (ms); 0 keeps clients until evicted. Default 10 minutes. */
  idleTimeoutMs?: number;
  /** Where accept-new pins host keys (file `known_hosts` inside). Default $XDG_STATE_HOME/berth or ~/.local/state/berth. */
  knownHostsDir?: string;
  /** Home directory for `~` and ~/.ssh. Default $HOME. */
  homeDir?: string;
}

export interface HealthResult {
  ok: boolean;
  /** Round trip of the ping when ok; time until failure otherwise. */
  latencyMs: number;
  error?: ClientPoolError;
}

export interface ClientPool extends AsyncDisposable {
  acquire(profile: string, options?: { signal?: AbortSignal }): Promise<EngineClient>;
  run(profile: string, argv: string[], options?: RunOptions): Promise<RunResult>;
  health(profile: string, options?: { timeoutMs?: number }): Promise<HealthResult>;
  reconcile(config: BerthConfig): Promise<string[]>;
  evict(profile: string): Promise<void>;
  profiles(): string[];
  dispose(): Promise<void>;
}

interface Entry {
  name: string;
  /** The profile this client was built from; reconcile compares against it. */
  profile: Profile;
  client: EngineClient;
  agent: Agent;
  connection: SshConnection | undefined;
  /** Local profiles: DOCKER_HOST for commands run locally. */
  dockerHost: string | undefined;
  lastUsed: number;
  idleTimer: NodeJS.Timeout | undefined;
}

const DEFAULT_IDLE_MS = 10 * 60_000;

/** dockerode's ping takes an abortSignal; @types/dockerode does not declare it. */
function ping(docker: EngineClient['docker'], signal: AbortSignal): Promise<unknown> {
  const withOptions = docker.ping as unknown as (options: { abortSignal: AbortSignal }) => Promise<unknown>;
  return withOptions.call(docker, { abortSignal: signal });
}

function toPoolError(error: unknown, profile: string): ClientPoolError {
  if (error instanceof ClientPoolError) return error;
  const err = error as Error & { code?: string; name?: string };
  if (err?.name === 'AbortError')
    return new ClientPoolError(
      'CANCELLED',
      `profile "${profile}": ${err.message}`,
      { profile },
      { cause: error },
    );
  return new ClientPoolError(
    'UNREACHABLE',
    `profile "${profile}": ${err?.message ?? String(error)}`,
    { profile },
    { cause: error },
  );
}

class Pool implements ClientPool {
  private config: BerthConfig;
  private readonly entries = new Map<string, Entry>();
  private readonly logger: Logger;
  private readonly env: NodeJS.ProcessEnv;
  private readonly homeDir: string;
  private readonly knownHostsDir: string;
  private readonly idleMs: number;
  private disposed = false;

  constructor(options: ClientPoolOptions) {
    this.config = options.config;
    this.logger = (options.logger ?? pino({ level: 'silent' })).child({ module: 'client-pool' });
    this.env = options.env ?? process.env;
    this.homeDir = options.homeDir ?? defaultHomeDir(this.env);
    this.knownHostsDir = options.knownHostsDir ?? defaultKnownHostsDir(this.env, this.homeDir);
    this.idleMs = options.idleTimeoutMs ?? DEFAULT_IDLE_MS;
  }

  profiles(): string[] {
    return Object.keys(this.config.profiles);
  }

  async acquire(name: string, options: { signal?: AbortSignal } = {}): Promise<EngineClient> {
    return (await this.acquireEntry(name, options.signal)).client;
  }

  private async acquireEntry(name: string, signal: AbortSignal | undefined): Promise<Entry> {
    // Reconcile may replace the entry while it connects; then connect the new one.
    for (let attempt = 1; ; attempt++) {
      if (signal?.aborted) throw abortError(signal, `acquiring profile "${name}"`, { profile: name });
      const entry = this.entryFor(name);
      this.touch(entry);
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
        {
          profile: name,
        },
      );
    }
    return profile;
  }

  private entryFor(name: string): Entry {
    const profile = this.profileOf(name);
    const existing = this.entries.get(name);
    if (existing) return existing;
    const entry = this.createEntry(name, profile);
    this.entries.set(name, entry);
    return entry;
  }

  private createEntry(name: string, profile: Profile): Entry {
    const base = { name, profile, lastUsed: Date.now(), idleTimer: undefined };
    const client = (docker: EngineClient['docker']): EngineClient => ({
      profile: name,
      docker,
      transport: profile.type,
      readOnly: profile.readOnly,
      timeoutMs: profile.timeoutMs,
    });
    switch (profile.type) {
      case 'local': {
        const socketPath = localSocketPath(profile, this.env, this.homeDir);
        const { docker, agent } = createLocalDocker(name, socketPath);
        this.logger.debug({ profile: name, socketPath }, 'local client created');
        return {
          ...base,
          client: client(docker),
          agent,
          connection: undefined,
          dockerHost: `unix://${socketPath}`,
        };
      }
      case 'tcp': {
        const { docker, agent } = createTcpDocker(name, profile, this.homeDir);
        if (!profile.tls) {
          this.logger.warn(
            { profile: name, host: profile.host, port: profile.port },
            'plain TCP: the Docker API is neither encrypted nor authenticated on this connection',
          );
        } else if (!profile.tls.verify) {
          this.logger.warn(
            { profile: name, host: profile.host },
            'TLS certificate of the engine is NOT verified (tls.verify: false)',
          );
        }
        return { ...base, client: client(docker), agent, connection: undefined, dockerHost: undefined };
      }
      case 'ssh': {
        const connection = new SshConnection({
          name,
          profile,
          env: this.env,
          homeDir: this.homeDir,
          knownHostsDir: this.knownHostsDir,
          logger: this.logger.child({ profile: name }),
        });
        const entry: Entry = {
          ...base,
          client: undefined as never,
          agent: undefined as never,
          connection,
          dockerHost: undefined,
        };
        const agent = new SshHttpAgent(connection, () => this.touch(entry));
        entry.agent = agent;
        entry.client = client(createSshDocker(name, agent));
        return entry;
      }
    }
  }

  async run(name: string, argv: string[], options: RunOptions = {}): Promise<RunResult> {
    if (argv.length === 0)
      throw new ClientPoolError('CONFIG', 'run() needs a non-empty argv', { profile: name });
    const entry = this.entryFor(name);
    this.touch(entry);
    const timeoutMs = options.timeoutMs ?? entry.profile.timeoutMs;
    if (entry.connection) return runOverSsh(entry.connection, argv, { ...options, timeoutMs, profile: name });
    if (entry.dockerHost) {
      const env = allowlistedEnv(this.env, { DOCKER_HOST: entry.dockerHost });
      return runLocally(argv, { ...options, timeoutMs, profile: name, env });
    }
    throw new ClientPoolError(
      'UNSUPPORTED',
      `Profile "${name}" is a tcp profile: berth can call its Docker API but cannot run commands on its host. Use an ssh profile for that.`,
      { profile: name },
    );
  }

  async health(name: string, options: { timeoutMs?: number } = {}): Promise<HealthResult> {
    const started = performance.now();
    const controller = new AbortController();
    let timeoutMs = options.timeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const what = `health check of profile "${name}"`;
    try {
      timeoutMs ??= this.profileOf(name).timeoutMs;
      const ms = timeoutMs;
      timer = setTimeout(
        () =>
          controller.abort(
            new ClientPoolError('TIMEOUT', `${what} did not finish within ${ms} ms`, {
              profile: name,
              timeoutMs: ms,
            }),
          ),
        ms,
      );
      timer.unref();
      const entry = await this.acquireEntry(name, controller.signal);
      const pingStarted = performance.now();
      await abortable(ping(entry.client.docker, controller.signal), controller.signal, what, {
        profile: name,
      });
      return { ok: true, latencyMs: performance.now() - pingStarted };
    } catch (error) {
      const reason: unknown = controller.signal.reason;
      const poolError =
        controller.signal.aborted && reason instanceof ClientPoolError ? reason : toPoolError(error, name);
      return { ok: false, latencyMs: performance.now() - started, error: poolError };
    } finally {
      clearTimeout(timer);
    }
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
      this.logger.info({ profiles: changed }, 'clients evicted after a configuration change');
    return changed;
  }

  async evict(name: string): Promise<void> {
    const entry = this.entries.get(name);
    if (!entry) return;
    this.entries.delete(name);
    this.close(entry);
    this.logger.debug({ profile: name }, 'client evicted');
  }

  private close(entry: Entry): void {
    clearTimeout(entry.idleTimer);
    entry.connection?.close();
    entry.agent.destroy();
  }

  private touch(entry: Entry): void {
    entry.lastUsed = Date.now();
    if (this.idleMs <= 0 || entry.idleTimer) return;
    const check = () => {
      entry.idleTimer = undefined;
      if (this.entries.get(entry.name) !== entry) return;
      const idleFor = Date.now() - entry.lastUsed;
      if (idleFor >= this.idleMs && !this.busy(entry)) {
        this.logger.debug({ profile: entry.name, idleFor }, 'closing idle client');
        void this.evict(entry.name);
        return;
      }
      entry.idleTimer = setTimeout(check, Math.max(this.idleMs - idleFor, 1000));
      entry.idleTimer.unref();
    };
    entry.idleTimer = setTimeout(check, this.idleMs);
    entry.idleTimer.unref();
  }

  /** In use: connecting, or a channel open that is not an idle keep-alive socket. */
  private busy(entry: Entry): boolean {
    const connection = entry.connection;
    if (!connection) return false;
    const idle = Object.values(entry.agent.freeSockets).reduce((n, list) => n + (list?.length ?? 0), 0);
    return connection.connecting || connection.channelCount > idle;
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

import type { HostEngine } from '@berth/engine';
import { createMasker, type Masker } from '@berth/security';
import { type Logger, pino } from 'pino';
import type { ComposeDriver, ComposeVersion, JobControl } from './compose-driver-types.js';
import { ComposeError } from './compose-error.js';
import { composeJobs } from './compose-jobs.js';
import { type RunContext, runCompose } from './compose-runner.js';
import { COMPOSE_COMMANDS, parseComposeVersion } from './compose-version.js';

export interface ComposeDriverOptions {
  /** Masks compose's output and errors; default a masker that knows no secret values (key names still mask). */
  masker?: Masker;
  logger?: Logger;
  /** Keep at most this many bytes of a command's stdout and stderr each (default 4 MiB). */
  maxOutputBytes?: number;
  /** Detected versions by profile; default one cache for the process. */
  versionCache?: Map<string, ComposeVersion>;
}

const sharedVersionCache = new Map<string, ComposeVersion>();

/** Forgets detected compose versions (all, or one profile's): after compose was installed or upgraded on a host. */
export function clearComposeVersionCache(profile?: string): void {
  if (profile === undefined) sharedVersionCache.clear();
  else sharedVersionCache.delete(profile);
}

const VERSION_TIMEOUT_MS = 30_000;

async function detectVersion(ctx: RunContext, control: JobControl | undefined): Promise<ComposeVersion> {
  const tried: string[] = [];
  for (const command of COMPOSE_COMMANDS) {
    const argv = [...command, 'version', '--short'];
    const result = await runCompose(
      ctx,
      argv,
      { operation: 'version', defaultTimeoutMs: VERSION_TIMEOUT_MS, ...(control ? { control } : {}) },
      true,
    ).catch((error: unknown) => {
      // A missing binary is "not this one"; cancellation, timeouts and a tcp profile are answers.
      if (error instanceof ComposeError && error.code === 'ENGINE') return undefined;
      throw error;
    });
    const version = result?.exitCode === 0 ? parseComposeVersion(result.stdout, command) : undefined;
    if (version) return version;
    tried.push(command.join(' '));
  }
  throw new ComposeError(
    'UNSUPPORTED',
    `No compose on profile "${ctx.host.profile}": neither ${tried.map((t) => `\`${t}\``).join(' nor ')} answered with a version. Install Compose v2 (the docker compose plugin) or docker-compose.`,
    { profile: ctx.host.profile, operation: 'version' },
  );
}

/**
 * A compose driver bound to one host (a HostEngine: its connection, signal and deadline).
 * Commands run through `host.run(argv)`: a local process for a local profile, an SSH exec
 * channel for an ssh profile; a tcp profile cannot run commands and gets UNSUPPORTED.
 */
export function createComposeDriver(host: HostEngine, options: ComposeDriverOptions = {}): ComposeDriver {
  const ctx: RunContext = {
    host,
    masker: options.masker ?? createMasker(),
    logger: (options.logger ?? pino({ enabled: false })).child({
      component: 'compose',
      profile: host.profile,
    }),
    maxOutputBytes: options.maxOutputBytes ?? 4 * 1024 * 1024,
  };
  const cache = options.versionCache ?? sharedVersionCache;
  const version = async (control?: JobControl): Promise<ComposeVersion> => {
    const known = cache.get(host.profile);
    if (known) return known;
    const detected = await detectVersion(ctx, control);
    ctx.logger.debug({ version: detected }, 'compose detected');
    cache.set(host.profile, detected);
    return detected;
  };
  return {
    profile: host.profile,
    host,
    masker: ctx.masker,
    version,
    ...composeJobs(ctx, version),
  };
}

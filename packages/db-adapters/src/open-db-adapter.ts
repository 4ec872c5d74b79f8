import type { HostEngine } from '@berth/engine';
import { createMasker, type Masker } from '@berth/security';
import { type Logger, pino } from 'pino';
import { adapterFactory } from './adapter-registry.js';
import { composeEnvFromHost } from './compose-env-lookup.js';
import {
  type CredentialInputs,
  credentialSecrets,
  type DbCredentials,
  resolveCredentials,
} from './credentials.js';
import type { DbAdapter, DbAdapterContext, DbCallOptions } from './db-adapter.js';
import { dbError, runDbCommand } from './db-exec.js';
import { type DbKind, detectDbKind } from './db-kind.js';

/** What a compose-aware caller knows of the container's project (from @berth/discovery). */
export interface ComposeContext {
  project?: string;
  service?: string;
  /** The project's working directory, from the `com.docker.compose.project.working_dir` label. */
  workingDir?: string;
  labels: Readonly<Record<string, string>>;
}

/** Looks up the compose service env and `.env` of a container's project; undefined when there is none. */
export type ComposeEnvLookup = (
  context: ComposeContext,
) => Promise<Pick<CredentialInputs, 'composeEnv' | 'dotEnv'> | undefined>;

export interface OpenDbAdapterOptions extends DbCallOptions {
  /** Skip detection: the container runs this kind. */
  kind?: DbKind;
  /** Learns every credential read; pass the call's masker so its output is masked too. */
  masker?: Masker;
  logger?: Logger;
  /**
   * Compose lookup, consulted after the container's own env when it lacks the password or
   * the database; default: the project's files on the engine's host (`composeEnvFromHost`);
   * `false` for none.
   */
  composeEnv?: ComposeEnvLookup | false;
  /** Fields that replace what was resolved (a user the caller chose). */
  credentials?: Partial<Omit<DbCredentials, 'sources'>>;
}

/**
 * The adapter for the database in `container` on `engine`: inspects the container (it
 * must be running), detects its kind, resolves credentials (container env, then compose,
 * then `.env`), teaches the masker every secret it found, and loads the kind's adapter.
 */
export async function openDbAdapter(
  engine: HostEngine,
  container: string,
  options: OpenDbAdapterOptions = {},
): Promise<DbAdapter> {
  const masker = options.masker ?? createMasker();
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ module: 'db-adapters' });
  const call = { ...(options.signal ? { signal: options.signal } : {}) };
  const info = await engine.containers.inspect(container, call).catch((error: unknown) => {
    const code = (error as { code?: string }).code === 'NOT_FOUND' ? 'NOT_FOUND' : 'ENGINE';
    throw dbError({ masker }, code, `cannot inspect container ${container}: ${(error as Error).message}`, {
      container,
    });
  });
  const env = info.Config.Env ?? [];
  // Learned before anything can fail, so no later message shows a password from this env.
  masker.addSecrets(
    env.flatMap((entry) => {
      const at = entry.indexOf('=');
      return at > 0 && masker.isSecretKey(entry.slice(0, at)) ? [entry.slice(at + 1)] : [];
    }),
  );
  const labels = info.Config.Labels ?? {};
  const detected = options.kind
    ? { kind: options.kind, by: 'caller' }
    : detectDbKind({
        image: info.Config.Image,
        command: [...toList(info.Config.Entrypoint), ...toList(info.Config.Cmd)],
        env,
        labels,
      });
  if (!detected) {
    throw dbError(
      { masker },
      'UNSUPPORTED',
      `container ${container} runs no database berth recognises (image ${info.Config.Image}); pass its kind`,
      {
        container,
        image: info.Config.Image,
      },
    );
  }
  if (!info.State.Running) {
    throw dbError({ masker }, 'CONFLICT', `container ${container} is not running; start it first`, {
      container,
      state: info.State.Status,
    });
  }
  // An exec into a paused container waits until it is unpaused, past any deadline.
  if (info.State.Paused) {
    throw dbError({ masker }, 'CONFLICT', `container ${container} is paused; unpause it first`, {
      container,
      state: 'paused',
    });
  }
  let resolved = resolveCredentials(detected.kind, { containerEnv: env });
  const lookup =
    options.composeEnv === false ? undefined : (options.composeEnv ?? composeEnvFromHost(engine, { logger }));
  // The container's env is what the server runs with; compose only fills what it lacks.
  if (lookup && (resolved.password === undefined || resolved.database === undefined)) {
    const compose = await lookup({
      project: labels['com.docker.compose.project'],
      service: labels['com.docker.compose.service'],
      workingDir: labels['com.docker.compose.project.working_dir'],
      labels,
    });
    if (compose) resolved = resolveCredentials(detected.kind, { containerEnv: env, ...compose });
  }
  const credentials = { ...resolved, ...options.credentials };
  masker.addSecrets(credentialSecrets(credentials));
  const factory = await adapterFactory(detected.kind);
  if (!factory) {
    throw dbError({ masker }, 'UNSUPPORTED', `berth has no ${detected.kind} adapter yet`, {
      container,
      kind: detected.kind,
    });
  }
  const context: DbAdapterContext = {
    engine,
    container: info.Id,
    credentials,
    masker,
    logger: logger.child({ kind: detected.kind, container: info.Id.slice(0, 12) }),
  };
  context.logger.debug({ by: detected.by, sources: credentials.sources }, 'database detected');
  if (credentials.password === undefined && credentials.passwordFile) {
    credentials.password = await readPasswordFile(context, credentials.passwordFile, options);
    masker.addSecrets(credentialSecrets(credentials));
  }
  return factory(context);
}

function toList(value: string | string[] | undefined | null): string[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}

/** Reads a `*_PASSWORD_FILE` secret in the container; one trailing newline is not part of it. */
async function readPasswordFile(
  context: DbAdapterContext,
  file: string,
  options: DbCallOptions,
): Promise<string> {
  const result = await runDbCommand(context, { argv: ['cat', '--', file], what: `read ${file}` }, options);
  return result.stdout.replace(/\r?\n$/, '');
}

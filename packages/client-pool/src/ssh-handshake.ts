import type { Client } from 'ssh2';
import { ClientPoolError } from './client-pool-error.js';
import { type SshConnectionOptions, type SshConnectSetup, sshWhere } from './ssh-connect-config.js';

export interface HandshakeHooks {
  /**
   * Runs inside ssh2's 'ready' event, before any later event of the client can be seen;
   * returns an error to refuse the client after all (the connection was closed meanwhile).
   */
  ready(): ClientPoolError | undefined;
  /** The error a failed handshake rejects with (CLOSED once the connection was closed). */
  failed(error: ClientPoolError): ClientPoolError;
}

/**
 * Connects `client` and settles once: on 'ready', or on the first error, an early close or
 * the connect timeout, whichever comes first. A client that failed is destroyed.
 */
export function sshHandshake(
  client: Client,
  setup: SshConnectSetup,
  options: SshConnectionOptions,
  hooks: HandshakeHooks,
): Promise<void> {
  const { name, profile, logger } = options;
  const where = sshWhere(options);
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const fail = (error: ClientPoolError) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      client.destroy();
      reject(hooks.failed(error));
    };
    const timer = setTimeout(
      () =>
        fail(
          new ClientPoolError(
            'TIMEOUT',
            `SSH to ${profile.host}:${profile.port} (profile "${name}") did not connect within ${profile.connectTimeoutMs} ms`,
            { ...where, timeoutMs: profile.connectTimeoutMs },
          ),
        ),
      profile.connectTimeoutMs,
    );
    timer.unref();
    client.on('error', (error: Error & { level?: string }) => {
      if (!settled) fail(connectError(error, setup, options));
      else logger.warn({ err: error, profile: name }, 'ssh connection error');
    });
    client.once('ready', () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const refused = hooks.ready();
      if (refused) {
        reject(refused);
        return;
      }
      logger.info({ ...where, fingerprint: setup.verifier.acceptedFingerprint }, 'ssh connected');
      resolve();
    });
    client.on('close', () =>
      fail(
        new ClientPoolError(
          'UNREACHABLE',
          `SSH to ${profile.host}:${profile.port} closed during the handshake`,
          where,
        ),
      ),
    );
    try {
      client.connect(setup.config);
    } catch (error) {
      fail(
        new ClientPoolError('CONFIG', `Profile "${name}": ${(error as Error).message}`, where, {
          cause: error,
        }),
      );
    }
  });
}

/** A handshake failure as a precise error: the host-key refusal when there was one, else by ssh2's level. */
function connectError(
  error: Error & { level?: string },
  setup: SshConnectSetup,
  options: SshConnectionOptions,
): ClientPoolError {
  if (setup.verifier.rejection) return setup.verifier.rejection;
  const { name, profile } = options;
  const where = sshWhere(options);
  const target = `${profile.host}:${profile.port} (profile "${name}")`;
  switch (error.level) {
    case 'client-authentication':
      return new ClientPoolError(
        'AUTH_FAILED',
        `SSH ${target} refused user "${profile.user}" with ${setup.offered}: ${error.message}`,
        where,
        { cause: error },
      );
    case 'client-timeout':
      return new ClientPoolError(
        'TIMEOUT',
        `SSH ${target}: ${error.message}`,
        { ...where, timeoutMs: profile.connectTimeoutMs },
        { cause: error },
      );
    default:
      return new ClientPoolError('UNREACHABLE', `SSH ${target}: ${error.message}`, where, { cause: error });
  }
}

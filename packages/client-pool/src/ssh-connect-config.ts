import type { SshProfile } from '@berth/config';
import type { Logger } from 'pino';
import type { ConnectConfig } from 'ssh2';
import { ClientPoolError, type ClientPoolErrorData } from './client-pool-error.js';
import { type HostKeyPaths, hostKeyFiles } from './host-key-files.js';
import { HostKeyVerifier } from './host-key-verifier.js';
import { resolveSshCredentials } from './ssh-credentials.js';

export interface SshConnectionOptions extends HostKeyPaths {
  /** Profile name: the connection belongs to this profile alone (its key, its policy). */
  name: string;
  profile: SshProfile;
  env: NodeJS.ProcessEnv;
  logger: Logger;
}

export interface SshConnectSetup {
  config: ConnectConfig;
  /** Holds the precise reason when it refused the host key. */
  verifier: HostKeyVerifier;
  /** The credentials offered, for messages. */
  offered: string;
}

/** Error data naming the profile and its SSH endpoint. */
export function sshWhere({
  name,
  profile,
}: Pick<SshConnectionOptions, 'name' | 'profile'>): ClientPoolErrorData {
  return { profile: name, host: profile.host, port: profile.port };
}

/** ssh2's connect options for one profile: its credentials, its timeouts and its host-key policy. */
export async function sshConnectConfig(options: SshConnectionOptions): Promise<SshConnectSetup> {
  const { name, profile, env, homeDir, logger } = options;
  const credentials = await resolveSshCredentials(name, profile, env, homeDir);
  const { knownHostsFiles, pinFile } = hostKeyFiles(profile, options);
  const verifier = new HostKeyVerifier({
    profile: name,
    host: profile.host,
    port: profile.port,
    policy: profile.hostKeyPolicy,
    knownHostsFiles,
    ...(pinFile ? { pinFile } : {}),
    logger,
  });
  const serverHostKey = await verifier.preferredAlgorithms();
  const config: ConnectConfig = {
    host: profile.host,
    port: profile.port,
    username: profile.user,
    ...(credentials.privateKey ? { privateKey: credentials.privateKey } : {}),
    ...(credentials.agent ? { agent: credentials.agent } : {}),
    readyTimeout: profile.connectTimeoutMs,
    keepaliveInterval: profile.keepaliveIntervalMs,
    keepaliveCountMax: 3,
    ...(serverHostKey ? { algorithms: { serverHostKey: serverHostKey as never } } : {}),
    // ssh2 treats a returned Promise as "accepted": answer through the callback only.
    hostVerifier: (key: Buffer, verified: (ok: boolean) => void): void => {
      verifier.verify(key).then(verified, (error: unknown) => {
        verifier.rejection = new ClientPoolError(
          'CONFIG',
          `Cannot check the host key of profile "${name}": ${(error as Error).message}`,
          { profile: name, knownHostsFiles },
          { cause: error },
        );
        verified(false);
      });
    },
  };
  return { config, verifier, offered: credentials.description };
}

import { access, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SshProfile } from '@berth/config';
import { expandHome } from '@berth/config/lite';
import { ClientPoolError } from './client-pool-error.js';

export interface SshCredentials {
  privateKey?: Buffer;
  /** Path of an SSH agent socket. */
  agent?: string;
  /** For messages: what was offered. */
  description: string;
}

const DEFAULT_IDENTITIES = ['id_ed25519', 'id_ecdsa', 'id_rsa'];

/**
 * The credentials of one profile, and only that profile: its identityFile and/or agent; with
 * neither, the first default identity in ~/.ssh (as OpenSSH would try).
 */
export async function resolveSshCredentials(
  name: string,
  profile: SshProfile,
  env: NodeJS.ProcessEnv,
  home: string,
): Promise<SshCredentials> {
  const out: SshCredentials = { description: '' };
  const offered: string[] = [];
  if (profile.agent !== false) {
    const socket = profile.agent === true ? env.SSH_AUTH_SOCK : expandHome(profile.agent, home);
    if (!socket) {
      throw new ClientPoolError(
        'CONFIG',
        `Profile "${name}" uses agent: true but SSH_AUTH_SOCK is not set; start an agent or name its socket in "agent".`,
        { profile: name },
      );
    }
    out.agent = socket;
    offered.push(`agent ${socket}`);
  }
  let identity = profile.identityFile ? expandHome(profile.identityFile, home) : undefined;
  if (!identity && !out.agent) {
    for (const candidate of DEFAULT_IDENTITIES.map((f) => join(home, '.ssh', f))) {
      if (
        await access(candidate).then(
          () => true,
          () => false,
        )
      ) {
        identity = candidate;
        break;
      }
    }
    if (!identity) {
      throw new ClientPoolError(
        'CONFIG',
        `Profile "${name}" has no SSH credentials: set identityFile or agent (no default key in ${join(home, '.ssh')}).`,
        { profile: name },
      );
    }
  }
  if (identity) {
    try {
      out.privateKey = await readFile(identity);
    } catch (error) {
      throw new ClientPoolError(
        'CONFIG',
        `Profile "${name}": cannot read identityFile ${identity}: ${(error as Error).message}`,
        { profile: name, identityFile: identity },
        { cause: error },
      );
    }
    offered.push(`key ${identity}`);
  }
  out.description = offered.join(' and ');
  return out;
}

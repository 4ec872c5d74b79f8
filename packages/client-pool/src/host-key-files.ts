import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { SshProfile } from '@berth/config';
import { expandHome } from '@berth/config/lite';
import { ClientPoolError } from './client-pool-error.js';

/** Far beyond any real known_hosts (tens of thousands of lines). */
const MAX_KNOWN_HOSTS_BYTES = 16 * 1024 * 1024;

export interface HostKeyFiles {
  /** Consulted in this order. */
  knownHostsFiles: string[];
  /** accept-new only: where an unknown key is pinned. */
  pinFile?: string;
}

export interface HostKeyPaths {
  homeDir: string;
  /** berth's own known_hosts, for accept-new profiles without a knownHostsFile. */
  pinFile: string;
  /** ~/.ssh/known_hosts. */
  userKnownHostsFile: string;
}

/**
 * The known_hosts files a profile's policy checks, and where accept-new pins. A profile's own
 * knownHostsFile replaces both defaults; otherwise accept-new also trusts what the user's
 * file knows, but writes only to berth's file, never to one OpenSSH owns.
 */
export function hostKeyFiles(profile: SshProfile, paths: HostKeyPaths): HostKeyFiles {
  const own = profile.knownHostsFile ? expandHome(profile.knownHostsFile, paths.homeDir) : undefined;
  if (profile.hostKeyPolicy !== 'accept-new') return { knownHostsFiles: [own ?? paths.userKnownHostsFile] };
  if (own) return { knownHostsFiles: [own], pinFile: own };
  return { knownHostsFiles: [paths.userKnownHostsFile, paths.pinFile], pinFile: paths.pinFile };
}

/**
 * A known_hosts file's text; '' when it does not exist. Only a regular file is read, and
 * only so much of it: the file may have been swapped for a device since the config was
 * loaded (/dev/zero would be read without end, hundreds of MB per connect).
 */
export async function readKnownHostsFile(file: string): Promise<string> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    // O_NONBLOCK: a FIFO must not hold the connect waiting for a writer.
    handle = await open(file, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
    throw error;
  }
  try {
    const info = await handle.stat();
    const refuse = (why: string) =>
      new ClientPoolError('CONFIG', `known_hosts file ${file} ${why}; refusing to read it`, {
        knownHostsFiles: [file],
      });
    if (!info.isFile()) throw refuse('is not a regular file');
    if (info.size > MAX_KNOWN_HOSTS_BYTES) throw refuse('is larger than 16 MiB');
    const buffer = Buffer.alloc(info.size);
    const { bytesRead } = await handle.read(buffer, 0, info.size, 0);
    return buffer.subarray(0, bytesRead).toString('utf8');
  } finally {
    await handle.close();
  }
}

import { expandHome, type SshProfile } from '@berth/config';

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

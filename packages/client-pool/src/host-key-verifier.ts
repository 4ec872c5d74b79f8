import { chmod, mkdir, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HostKeyPolicy } from '@berth/config';
import type { Logger } from 'pino';
import { ClientPoolError } from './client-pool-error.js';
import { readKnownHostsFile } from './host-key-files.js';
import {
  checkHostKey,
  fingerprintSha256,
  hostLookupName,
  type KnownHostEntry,
  keyTypeOf,
  knownKeyTypes,
  parseKnownHosts,
} from './known-hosts.js';

export interface HostKeyVerifierOptions {
  profile: string;
  host: string;
  port: number;
  policy: HostKeyPolicy;
  /** Files consulted, in order. For accept-new the pin file is among them. */
  knownHostsFiles: string[];
  /** accept-new only: where an unknown key is pinned. */
  pinFile?: string;
  logger: Logger;
}

// Host key algorithms ssh2 supports, in its default order; known key types move to the front.
const HOST_KEY_ALGORITHMS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'ecdsa-sha2-nistp384',
  'ecdsa-sha2-nistp521',
  'rsa-sha2-512',
  'rsa-sha2-256',
  'ssh-rsa',
];
const ALGORITHMS_OF_TYPE: Record<string, string[]> = {
  'ssh-rsa': ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'],
};

async function readEntries(file: string): Promise<KnownHostEntry[]> {
  try {
    return parseKnownHosts(await readKnownHostsFile(file), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Decides whether to trust the host key an SSH server offers, following the profile's
 * policy. A refusal is kept in `rejection` so the connection can report a precise error
 * instead of ssh2's generic "Host denied".
 */
export class HostKeyVerifier {
  rejection: ClientPoolError | undefined;
  /** Fingerprint of the key accepted on the last verification. */
  acceptedFingerprint: string | undefined;

  constructor(private readonly options: HostKeyVerifierOptions) {}

  /** Host key algorithms to offer, known types first, so the server presents a key we can check. */
  async preferredAlgorithms(): Promise<string[] | undefined> {
    if (this.options.policy === 'insecure-ignore') return undefined;
    const entries = (await Promise.all(this.options.knownHostsFiles.map(readEntries))).flat();
    const types = knownKeyTypes(entries, this.options.host, this.options.port);
    const first = types
      .flatMap((t) => ALGORITHMS_OF_TYPE[t] ?? [t])
      .filter((a) => HOST_KEY_ALGORITHMS.includes(a));
    if (first.length === 0) return undefined;
    return [...new Set([...first, ...HOST_KEY_ALGORITHMS])];
  }

  /** Resolves true to accept the key; false (with `rejection` set) to refuse it. */
  async verify(key: Buffer): Promise<boolean> {
    const { policy, profile, host, port, logger } = this.options;
    const offered = fingerprintSha256(key);
    if (policy === 'insecure-ignore') return this.acceptWithoutCheck(offered);
    const entries = (await Promise.all(this.options.knownHostsFiles.map(readEntries))).flat();
    const check = checkHostKey(entries, host, port, key);
    const where = {
      profile,
      host,
      port,
      offeredFingerprint: offered,
      knownHostsFiles: this.options.knownHostsFiles,
    };
    switch (check.status) {
      case 'match':
        logger.debug(
          { fingerprint: offered, file: check.entry.file, line: check.entry.line },
          'host key verified',
        );
        this.acceptedFingerprint = offered;
        return true;
      case 'revoked':
        return this.refuse(
          new ClientPoolError(
            'HOST_KEY_REVOKED',
            `${host}:${port} (profile "${profile}") offered host key ${offered}, which ${check.entry.file}:${check.entry.line} marks @revoked. Refusing to connect.`,
            where,
          ),
        );
      case 'mismatch': {
        const known = check.known.map((e) => fingerprintSha256(e.key));
        return this.refuse(
          new ClientPoolError(
            'HOST_KEY_MISMATCH',
            mismatchMessage(host, port, profile, `${keyTypeOf(key)} ${offered}`, check.known),
            // The message says what to run; a generic hint after it would only cut it short.
            { ...where, knownFingerprints: known, hinted: true },
          ),
        );
      }
      case 'unknown':
        if (policy === 'accept-new' && this.options.pinFile) return this.pin(key, offered);
        return this.refuse(
          new ClientPoolError(
            'HOST_KEY_UNKNOWN',
            `${host}:${port} (profile "${profile}") offered host key ${keyTypeOf(key)} ${offered}, which is not in ${this.options.knownHostsFiles.join(' or ')}. Check the fingerprint out of band, then add the host (ssh-keyscan -p ${port} ${host} >> <known_hosts>) or set hostKeyPolicy: accept-new to pin it on first use.`,
            { ...where, hinted: true },
          ),
        );
    }
  }

  /** The one place that skips verification: only for `hostKeyPolicy: insecure-ignore`, logged on every connect. */
  private acceptWithoutCheck(offered: string): boolean {
    const { profile, host, port, logger } = this.options;
    logger.warn(
      { profile, host, port, fingerprint: offered },
      'INSECURE: host key NOT verified (hostKeyPolicy: insecure-ignore); anyone on the network path can impersonate this host',
    );
    this.acceptedFingerprint = offered;
    return true;
  }

  private refuse(error: ClientPoolError): false {
    this.rejection = error;
    this.options.logger.error({ code: error.code, ...error.data }, error.message);
    return false;
  }

  /** accept-new: appends the key in one O_APPEND write to a 0600 file. */
  private async pin(key: Buffer, offered: string): Promise<boolean> {
    const { host, port, profile, logger } = this.options;
    const file = this.options.pinFile as string;
    await mkdir(dirname(file), { recursive: true, mode: 0o700 });
    const line = `${hostLookupName(host, port)} ${keyTypeOf(key)} ${key.toString('base64')}\n`;
    const handle = await open(file, 'a', 0o600);
    try {
      await handle.write(line);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await chmod(file, 0o600);
    logger.warn(
      { profile, host, port, fingerprint: offered, file },
      'pinned new host key on first use (accept-new)',
    );
    this.acceptedFingerprint = offered;
    return true;
  }
}

/**
 * A changed host key is fixed by a person, and this says exactly how: check the offered
 * key out of band, then drop the old pin with ssh-keygen -R in the very file that holds it.
 * The fix comes before the old fingerprints, so a caller that shortens the line keeps it;
 * it names no policy or file setting that would wave the new key through.
 */
function mismatchMessage(
  host: string,
  port: number,
  profile: string,
  offered: string,
  known: KnownHostEntry[],
): string {
  const name = hostLookupName(host, port);
  const files = [...new Set(known.map((e) => e.file))];
  const commands = files.map((file) => `ssh-keygen -R '${name}' -f ${file}`).join(' and ');
  const where = (e: KnownHostEntry) => (files.length > 1 ? `${e.file} line ${e.line}` : `line ${e.line}`);
  const pins = known.map((e) => `${where(e)} pins ${fingerprintSha256(e.key)}`);
  return `HOST KEY CHANGED for ${host}:${port} (profile "${profile}"): someone may be intercepting. A person must check the offered key ${offered} out of band, then run ${commands} (${pins.join('; ')})`;
}

import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** One key line of an OpenSSH known_hosts file. */
export interface KnownHostEntry {
  marker: 'revoked' | 'cert-authority' | undefined;
  /** Host patterns as written: names, `[host]:port`, wildcards, `!negations`, or `|1|salt|hash`. */
  patterns: string[];
  keyType: string;
  key: Buffer;
  file: string;
  line: number;
}

/** The name OpenSSH looks up: `host` on port 22, `[host]:port` otherwise. */
export function hostLookupName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

/** `SHA256:<base64 without padding>`, as `ssh-keygen -l` and OpenSSH's warnings print it. */
export function fingerprintSha256(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named at the start of an SSH public key blob (`ssh-ed25519`, ...). */
export function keyTypeOf(key: Buffer): string {
  if (key.length < 4) return 'unknown';
  const length = key.readUInt32BE(0);
  if (length > 64 || key.length < 4 + length) return 'unknown';
  return key.subarray(4, 4 + length).toString('latin1');
}

/** Parses known_hosts text; malformed lines are skipped (as OpenSSH does). */
export function parseKnownHosts(text: string, file: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const fields = raw.trim().split(/\s+/);
    if (fields[0] === undefined || fields[0] === '' || fields[0].startsWith('#')) continue;
    let marker: KnownHostEntry['marker'];
    if (fields[0].startsWith('@')) {
      const name = fields.shift();
      if (name === '@revoked') marker = 'revoked';
      else if (name === '@cert-authority') marker = 'cert-authority';
      else continue;
    }
    const [hosts, keyType, base64] = fields;
    if (!hosts || !keyType || !base64 || !/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) continue;
    const key = Buffer.from(base64, 'base64');
    // The blob names its own type; a line whose type field disagrees is corrupt.
    if (keyTypeOf(key) !== keyType) continue;
    entries.push({ marker, patterns: hosts.split(','), keyType, key, file, line: index + 1 });
  }
  return entries;
}

function hashedMatches(pattern: string, name: string): boolean {
  const [, magic, salt, hash] = pattern.split('|');
  if (magic !== '1' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest();
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

function globMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*') && !pattern.includes('?')) return pattern.toLowerCase() === name.toLowerCase();
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[\\^$.+()[\]{}|]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i').test(name);
}

/** True when the entry's host patterns select `name` (a negated match excludes the line). */
export function entryMatches(entry: KnownHostEntry, name: string): boolean {
  let matched = false;
  for (const pattern of entry.patterns) {
    if (pattern.startsWith('|')) {
      if (hashedMatches(pattern, name)) matched = true;
    } else if (pattern.startsWith('!')) {
      if (globMatches(pattern.slice(1), name)) return false;
    } else if (globMatches(pattern, name)) {
      matched = true;
    }
  }
  return matched;
}

export type HostKeyCheck =
  | { status: 'match'; entry: KnownHostEntry }
  | { status: 'unknown' }
  | { status: 'mismatch'; known: KnownHostEntry[] }
  | { status: 'revoked'; entry: KnownHostEntry };

/**
 * Checks the key a host offered against known_hosts entries. A host with known keys that
 * offers any other key (even of another type) is a mismatch: an attacker must not get a
 * key accepted by offering a type the user never pinned.
 */
export function checkHostKey(
  entries: readonly KnownHostEntry[],
  host: string,
  port: number,
  key: Buffer,
): HostKeyCheck {
  const name = hostLookupName(host, port);
  const matching = entries.filter((e) => entryMatches(e, name));
  const revoked = matching.find((e) => e.marker === 'revoked' && e.key.equals(key));
  if (revoked) return { status: 'revoked', entry: revoked };
  const known = matching.filter((e) => e.marker === undefined);
  const same = known.find((e) => e.key.equals(key));
  if (same) return { status: 'match', entry: same };
  return known.length === 0 ? { status: 'unknown' } : { status: 'mismatch', known };
}

/** The key types known for a host, so the handshake can ask for one of them first. */
export function knownKeyTypes(entries: readonly KnownHostEntry[], host: string, port: number): string[] {
  const name = hostLookupName(host, port);
  return [
    ...new Set(entries.filter((e) => e.marker === undefined && entryMatches(e, name)).map((e) => e.keyType)),
  ];
}

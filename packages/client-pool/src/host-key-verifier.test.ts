import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { HostKeyPolicy } from '@berth/config';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { HostKeyVerifier } from './host-key-verifier.js';

const dir = mkdtempSync(join(tmpdir(), 'berth-hkv-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function blob(type: string, body: string): Buffer {
  const name = Buffer.from(type);
  const len = Buffer.alloc(4);
  len.writeUInt32BE(name.length);
  return Buffer.concat([len, name, Buffer.from(body)]);
}
const real = blob('ssh-ed25519', 'real-key-material-0123456789abcdef');
const other = blob('ssh-ed25519', 'other-key-material-0123456789abcde');
const rsa = blob('ssh-rsa', 'rsa-key-material');

function verifier(policy: HostKeyPolicy, files: string[], pinFile?: string, lines?: string[]) {
  const logger = pino({ level: 'debug' }, { write: (line: string) => lines?.push(line) });
  return new HostKeyVerifier({
    profile: 'p',
    host: '127.0.0.1',
    port: 2222,
    policy,
    knownHostsFiles: files,
    ...(pinFile ? { pinFile } : {}),
    logger,
  });
}

describe('HostKeyVerifier', () => {
  const known = join(dir, 'known');
  writeFileSync(known, `[127.0.0.1]:2222 ssh-ed25519 ${real.toString('base64')}\n`);

  it('strict: accepts the known key, refuses unknown and changed keys with a precise error', async () => {
    expect(await verifier('strict', [known]).verify(real)).toBe(true);
    const changed = verifier('strict', [known]);
    expect(await changed.verify(other)).toBe(false);
    expect(changed.rejection?.code).toBe('HOST_KEY_MISMATCH');
    const missing = verifier('strict', [join(dir, 'does-not-exist')]);
    expect(await missing.verify(real)).toBe(false);
    expect(missing.rejection?.code).toBe('HOST_KEY_UNKNOWN');
  });

  it('a known host offering another key type is a mismatch, not a new host', async () => {
    const v = verifier('accept-new', [known], join(dir, 'never-written'));
    expect(await v.verify(rsa)).toBe(false);
    expect(v.rejection?.code).toBe('HOST_KEY_MISMATCH');
  });

  it('accept-new: pins once in a 0600 file, then refuses a different key', async () => {
    const pin = join(dir, 'state', 'nested', 'known_hosts');
    expect(await verifier('accept-new', [pin], pin).verify(real)).toBe(true);
    expect(statSync(pin).mode & 0o777).toBe(0o600);
    expect(readFileSync(pin, 'utf8')).toBe(`[127.0.0.1]:2222 ssh-ed25519 ${real.toString('base64')}\n`);
    expect(await verifier('accept-new', [pin], pin).verify(real)).toBe(true);
    expect(readFileSync(pin, 'utf8').split('\n')).toHaveLength(2);
    const later = verifier('accept-new', [pin], pin);
    expect(await later.verify(other)).toBe(false);
    expect(later.rejection?.code).toBe('HOST_KEY_MISMATCH');
  });

  it('insecure-ignore accepts anything and says so at warn level', async () => {
    const lines: string[] = [];
    expect(await verifier('insecure-ignore', [known], undefined, lines).verify(other)).toBe(true);
    expect(lines.map((l) => JSON.parse(l) as { level: number; msg: string })).toContainEqual(
      expect.objectContaining({ level: 40, msg: expect.stringContaining('INSECURE') }),
    );
  });

  it('asks the server for the known key type first', async () => {
    const rsaKnown = join(dir, 'rsa-known');
    writeFileSync(rsaKnown, `[127.0.0.1]:2222 ssh-rsa ${rsa.toString('base64')}\n`);
    const algorithms = await verifier('strict', [rsaKnown]).preferredAlgorithms();
    expect(algorithms?.slice(0, 3)).toEqual(['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(algorithms).toContain('ssh-ed25519');
    expect(await verifier('strict', [join(dir, 'none')]).preferredAlgorithms()).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

export interface SshKeyPair {
  /** Path of the private key file (mode 0600). */
  privateKeyPath: string;
  /** The public key line: `ssh-ed25519 AAAA... comment`. */
  publicKey: string;
}

/** Generates an ed25519 key pair with ssh-keygen (no passphrase) in `dir`. */
export async function generateKeyPair(dir: string, name: string): Promise<SshKeyPair> {
  const privateKeyPath = join(dir, name);
  await runCommand(
    ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', `berth-test-${name}`, '-f', privateKeyPath],
    {
      timeoutMs: 30_000,
    },
  );
  return { privateKeyPath, publicKey: readFileSync(`${privateKeyPath}.pub`, 'utf8').trim() };
}

/** A known_hosts line for a host on a non-standard port: `[host]:port keytype base64`. */
export function knownHostsLine(host: string, port: number, publicKey: string): string {
  const [type, base64] = publicKey.split(/\s+/);
  const name = port === 22 ? host : `[${host}]:${port}`;
  return `${name} ${type} ${base64}`;
}

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

export interface TlsFiles {
  ca: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

async function openssl(args: string[], cwd: string): Promise<void> {
  await runCommand(['openssl', ...args], { timeoutMs: 30_000, cwd });
}

/** Signs a key pair `name` with the CA in `dir`, for `usage` (serverAuth or clientAuth). */
async function signed(
  dir: string,
  name: string,
  subject: string,
  usage: string,
  san?: string,
): Promise<void> {
  await openssl(['req', ...EC, '-keyout', `${name}-key.pem`, '-out', `${name}.csr`, '-subj', subject], dir);
  const ext = join(dir, `${name}.ext`);
  writeFileSync(ext, `extendedKeyUsage=${usage}\n${san ? `subjectAltName=${san}\n` : ''}`);
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-CAcreateserial',
      '-days',
      '2',
      '-out',
      `${name}.pem`,
      '-extfile',
      ext,
    ],
    dir,
  );
}

/**
 * A throwaway CA with a server certificate for 127.0.0.1 and a client certificate, as
 * Docker's `--tlsverify` needs: the engine checks the client, the client checks the engine.
 */
export async function generateTlsFiles(dir: string, caName = 'berth-test-ca'): Promise<TlsFiles> {
  await openssl(
    [
      'req',
      '-x509',
      ...EC,
      '-keyout',
      'ca-key.pem',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      `/CN=${caName}`,
    ],
    dir,
  );
  await signed(dir, 'server', '/CN=127.0.0.1', 'serverAuth', 'IP:127.0.0.1,DNS:localhost');
  await signed(dir, 'client', '/CN=berth-client', 'clientAuth');
  return {
    ca: join(dir, 'ca.pem'),
    serverCert: join(dir, 'server.pem'),
    serverKey: join(dir, 'server-key.pem'),
    clientCert: join(dir, 'client.pem'),
    clientKey: join(dir, 'client-key.pem'),
  };
}

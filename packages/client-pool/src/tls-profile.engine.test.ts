import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProfileInput } from '@berth/config';
import {
  dockerClient,
  engineSuite,
  generateTlsFiles,
  type RemoteHost,
  startRemoteHost,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { isolatedPool } from './isolated-pool.test-support.js';

/** What a call fails with, as `code: message`, or 'resolved'. */
async function failure(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: { code?: string; message?: string }) => `${error.code}: ${error.message}`,
  );
}

engineSuite('tcp profiles over TLS to a real engine with --tlsverify', () => {
  let remote: RemoteHost;
  let otherCa: string;
  beforeAll(async () => {
    remote = await startRemoteHost({ tls: true });
    otherCa = mkdtempSync(join(tmpdir(), 'berth-other-ca-'));
  });
  afterAll(async () => {
    await remote?.[Symbol.asyncDispose]();
    rmSync(otherCa, { recursive: true, force: true });
  });

  it('reaches the remote engine with the CA and a client certificate', async () => {
    await using pool = isolatedPool({ secure: remote.tcpProfile() as ProfileInput });
    const client = await pool.acquire('secure');
    expect(client.transport).toBe('tcp');
    const info = await client.docker.info();
    const local = await dockerClient().info();
    expect(info.ID).not.toBe(local.ID);
    expect(info.ServerVersion).toMatch(/^\d+\./);
  });

  it('is refused by the engine without a client certificate', async () => {
    const profile = remote.tcpProfile();
    const { ca } = (profile as { tls: { ca: string } }).tls;
    await using pool = isolatedPool({
      anonymous: { ...profile, tls: { ca, verify: true }, timeoutMs: 10_000 } as ProfileInput,
    });
    const client = await pool.acquire('anonymous');
    // The engine aborts the handshake with a TLS alert (@berth/engine maps it to DENIED).
    expect(await failure(client.docker.version())).toMatch(/^ERR_SSL_\w*CERTIFICATE/);
  });

  it('refuses an engine whose certificate its CA did not sign, unless verify is turned off', async () => {
    const impostorCa = await generateTlsFiles(otherCa, 'some-other-ca');
    const profile = remote.tcpProfile();
    const tls = (profile as { tls: Record<string, unknown> }).tls;
    await using pool = isolatedPool({
      strict: { ...profile, tls: { ...tls, ca: impostorCa.ca }, timeoutMs: 10_000 } as ProfileInput,
      unchecked: { ...profile, tls: { ...tls, ca: impostorCa.ca, verify: false } } as ProfileInput,
    });
    const refused = await failure((await pool.acquire('strict')).docker.version());
    expect(refused).toMatch(/^UNABLE_TO_VERIFY_LEAF_SIGNATURE: /);
    // An explicit opt-out still sends the client certificate, so the engine answers.
    expect((await (await pool.acquire('unchecked')).docker.version()).ApiVersion).toMatch(/^1\./);
  });
});

import {
  busyboxImage,
  dockerClient,
  engineSuite,
  ensureImage,
  type RemoteHost,
  startRemoteHost,
  testLabels,
} from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type AttackClient, attackClient } from './bin.test-support.js';
import { type StallConfig, stallConfig } from './stall-config.test-support.js';

/** The remote profile's deadline: every call that touches the paused host must end by it, and say so. */
const TIMEOUT_MS = 4000;
const timedOut = new RegExp(`(timed out after|did not connect within) ${TIMEOUT_MS} ms`);

type Rows = { rows: Record<string, unknown>[]; errors?: { host: string; error: string }[] };

engineSuite(
  'a paused SSH host holds no call past its deadline',
  () => {
    let remote: RemoteHost;
    let config: StallConfig;
    let server: AttackClient;
    const name = `berth-stall-${process.pid}`;

    beforeAll(async () => {
      const image = (await ensureImage(busyboxImage)).tag;
      remote = await startRemoteHost();
      await remote.loadImage(image);
      const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
      const run = await remote.ssh(['docker', 'run', '-d', ...labels, '--name', name, image, 'sleep', '600']);
      expect(run.exitCode, run.stderr).toBe(0);
      config = await stallConfig({
        remote: remote.sshProfile({ timeoutMs: TIMEOUT_MS, connectTimeoutMs: TIMEOUT_MS }),
      });
      server = await attackClient({ args: ['--config', config.path, '--audit-log', 'off'] });
      // The SSH connection is open and warm before the host stops answering.
      const warm = await server.call('read', { action: 'logs', host: 'remote', id: name });
      expect(warm.isError, warm.text).toBe(false);
      await dockerClient().getContainer(remote.container.id).pause();
    }, 300_000);
    afterAll(async () => {
      await server?.[Symbol.asyncDispose]();
      await dockerClient()
        .getContainer(remote.container.id)
        .unpause()
        .catch(() => {});
      await remote?.[Symbol.asyncDispose]();
      await config?.[Symbol.asyncDispose]();
    });

    it('test of every host answers for local and names the real deadline for the paused one', async () => {
      const answer = await server.call('read', { action: 'test', host: '*' });
      expect(answer.isError, answer.text).toBe(false);
      const { rows, errors } = answer.structured as Rows;
      expect(rows.map((r) => r.host)).toEqual(['local']);
      expect(errors).toEqual([{ host: 'remote', error: expect.stringMatching(timedOut) }]);
    });

    // Three calls, each of about one deadline, and room for the server to start.
    it('a fresh server connecting to the paused host names the real deadline too', {
      timeout: 6 * TIMEOUT_MS,
    }, async () => {
      await using fresh = await attackClient({ args: ['--config', config.path, '--audit-log', 'off'] });
      const answer = await fresh.call('read', { action: 'test', host: '*' });
      expect(answer.isError, answer.text).toBe(false);
      const { rows, errors } = answer.structured as Rows;
      expect(rows.map((r) => r.host)).toEqual(['local']);
      expect(errors).toEqual([{ host: 'remote', error: expect.stringMatching(timedOut) }]);
      const logs = await fresh.call('read', { action: 'logs', host: 'remote', id: name });
      expect(logs.text).toMatch(timedOut);
      const exec = await fresh.call('container_ops', {
        action: 'exec',
        host: 'remote',
        id: name,
        argv: ['true'],
      });
      expect(exec.text).toMatch(timedOut);
    });

    it('logs from the paused host end with TIMEOUT by the deadline while local answers', async () => {
      const [logs, local] = await Promise.all([
        server.call('read', { action: 'logs', host: 'remote', id: name }),
        server.call('read', { action: 'version', host: 'local' }),
      ]);
      expect(logs.isError).toBe(true);
      expect(logs.text).toMatch(timedOut);
      expect(local.isError, local.text).toBe(false);
    });

    it('exec on the paused host ends with TIMEOUT by the profile deadline, not the command one', async () => {
      const [exec, local] = await Promise.all([
        server.call('container_ops', { action: 'exec', host: 'remote', id: name, argv: ['true'] }),
        server.call('read', { action: 'version', host: 'local' }),
      ]);
      expect(exec.isError).toBe(true);
      expect(exec.text).toMatch(timedOut);
      expect(local.isError, local.text).toBe(false);
    });
  },
  // The tests' own timeout is the bound: a call held past the deadline it names misses it.
  { timeout: 3 * TIMEOUT_MS },
);

import { engineSuite, type RemoteHost, startRemoteHost } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type StallConfig, stallConfig } from './stall-config.test-support.js';
import { spawnServer } from './stall-server.test-support.js';

/** What the server reads at most in one JSON-RPC line (the MCP SDK's stdio default). */
const LINE_LIMIT = 10 * 1024 * 1024;

engineSuite(
  'the server process ends when its client is gone or breaks the framing',
  () => {
    let remote: RemoteHost;
    let config: StallConfig;

    beforeAll(async () => {
      remote = await startRemoteHost();
      config = await stallConfig({ remote: remote.sshProfile() });
    }, 300_000);
    afterAll(async () => {
      await remote?.[Symbol.asyncDispose]();
      await config?.[Symbol.asyncDispose]();
    });

    // The test's own timeout is the bound: a server that lingers on its open SSH connection misses it.
    it('exits with 0 as soon as stdin closes, after a call opened an SSH connection', {
      timeout: 20_000,
    }, async () => {
      await using server = await spawnServer(['--config', config.path, '--audit-log', 'off']);
      const answer = await server.client.callTool({
        name: 'read',
        arguments: { action: 'version', host: 'remote' },
      });
      expect(answer.isError, JSON.stringify(answer.content)).toBeFalsy();
      server.child.stdin?.end();
      expect(await server.exited).toEqual({ code: 0, signal: null });
    });

    it('a JSON-RPC line over the limit ends the server with a non-zero code and a log line', {
      timeout: 20_000,
    }, async () => {
      await using server = await spawnServer(['--config', config.path, '--audit-log', 'off']);
      expect((await server.client.listTools()).tools.length).toBeGreaterThan(0);
      // One line, never ended by a newline, longer than any message may be.
      const line = Buffer.alloc(LINE_LIMIT + 1024 * 1024, 'a');
      server.child.stdin?.on('error', () => {});
      server.child.stdin?.write(line);
      const exit = await server.exited;
      expect(exit.code).not.toBe(0);
      expect(exit.code).not.toBeNull();
      expect(server.stderr()).toMatch(/line|message/i);
    });
  },
  { timeout: 60_000 },
);

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GATEWAY_FLAGS } from '@berth/gateway/flags';
import { expect, it } from 'vitest';
import { binEnv, runBin, startBin } from './run-bin.js';

it('berth gateway serves berth-gateway with its flags passed on: /health answers, SIGTERM ends it', async () => {
  const home = await mkdtemp(join(tmpdir(), 'berth-cli-gateway-'));
  try {
    const env = binEnv(home, { XDG_STATE_HOME: join(home, 'state') });
    const help = await runBin(['gateway', '--help'], { env });
    expect(help.code).toBe(0);
    // Every flag of berth-gateway's own list that is not a global flag of berth.
    for (const flag of GATEWAY_FLAGS.filter((f) => !f.global))
      expect(help.stdout).toContain(`--${flag.name} `);
    const gateway = startBin(
      [
        '--audit-log',
        'off',
        'gateway',
        '--listen',
        '127.0.0.1:0',
        '--allow-unauthenticated',
        '--tool-cache',
        'off',
      ],
      { env, timeoutMs: 30_000 },
    );
    let stderr = '';
    gateway.child.stderr?.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listening line: ${stderr}`)), 20_000);
      const look = () => {
        const found = /"url":"(http:\/\/127\.0\.0\.1:\d+)\/mcp"/.exec(stderr)?.[1];
        if (found) {
          clearTimeout(timer);
          resolve(found);
        } else setTimeout(look, 100);
      };
      look();
    });
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    // Without a token the endpoint itself is open only because the flag was passed on.
    expect(stderr).toContain('"authenticated":false');
    gateway.child.kill('SIGTERM');
    const done = await gateway.done;
    expect(done.code).toBe(0);
    expect(stderr).toContain('shutting down');
  } finally {
    await rm(home, { recursive: true, force: true });
  }
});

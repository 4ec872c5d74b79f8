import { describe, expect, it } from 'vitest';
import { EngineError } from './engine-error.js';
import { bindEngine } from './host-engine.js';
import { silentEngine } from './silent-engine.test-support.js';

describe('exec on a host that stopped answering', () => {
  // The test's own timeout is the bound: the command's 60 s deadline would run far past it.
  it("fails by the profile's timeout, not by the command's own deadline", async () => {
    await using silent = await silentEngine(200);
    const engine = bindEngine(silent, { signal: new AbortController().signal });
    const error = await engine.exec('web', ['true']).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(EngineError);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect((error as Error).message).toMatch(/exec "true" in container web timed out after 200 ms/);
  });

  it('names the command deadline when that one is the shorter', async () => {
    await using silent = await silentEngine(60_000);
    const engine = bindEngine(silent, { signal: new AbortController().signal });
    const error = await engine.exec('web', ['true'], { timeoutMs: 100 }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect((error as Error).message).toMatch(/timed out after 100 ms/);
  });
});

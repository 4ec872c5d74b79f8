import { describe, inject } from 'vitest';

export interface EngineAvailability {
  available: boolean;
  reason?: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    berthEngine: EngineAvailability;
  }
}

/**
 * Declares a suite that needs the real Docker engine. The testkit global setup decides:
 * with BERTH_REQUIRE_DOCKER=1 a missing engine fails the run there; otherwise the suite
 * is skipped with the reason in the setup log.
 */
export function engineSuite(name: string, fn: () => void, options: { timeout?: number } = {}): void {
  const engine = inject('berthEngine');
  if (!engine && process.env.BERTH_REQUIRE_DOCKER === '1') {
    throw new Error(`${name}: engine tests need the testkit global setup (name the file *.engine.test.ts)`);
  }
  describe.skipIf(!engine?.available)(name, { timeout: options.timeout ?? 120_000 }, fn);
}

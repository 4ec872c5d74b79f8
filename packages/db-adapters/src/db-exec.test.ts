import { PassThrough, Readable } from 'node:stream';
import { EngineError, type HostEngine } from '@berth/engine';
import { createMasker } from '@berth/security';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { DbAdapterContext } from './db-adapter.js';
import { DbError } from './db-error.js';
import { DEFAULT_DB_COMMAND_TIMEOUT_MS, runDbCommand } from './db-exec.js';

/** A context whose engine records the options of each exec and answers success. */
function recordingContext(): { context: DbAdapterContext; seen: Array<{ timeoutMs?: number }> } {
  const seen: Array<{ timeoutMs?: number }> = [];
  const engine = {
    execStream: async (_container: string, _argv: string[], options: { timeoutMs?: number }) => {
      seen.push({ ...(options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs }) });
      return {
        exitCode: 0,
        stdout: '',
        stderr: '',
        stdoutBytes: 0,
        stderrBytes: 0,
        truncated: false,
        execId: 'x',
      };
    },
  } as unknown as HostEngine;
  const context: DbAdapterContext = {
    engine,
    container: 'db',
    credentials: { sources: {} },
    masker: createMasker(),
    logger: pino({ level: 'silent' }),
  };
  return { context, seen };
}

describe('runDbCommand deadlines', () => {
  it('gives a short command the short default, a streamed dump the engine default, and the caller its own', async () => {
    const { context, seen } = recordingContext();
    await runDbCommand(context, { argv: ['sqlite3', 'x.db'], stdin: 'SELECT 1', what: 'query' });
    await runDbCommand(context, { argv: ['pg_dump'], stdout: new PassThrough(), what: 'dump' });
    await runDbCommand(context, { argv: ['psql'], stdin: Readable.from(['x']), what: 'restore' });
    await runDbCommand(context, { argv: ['sqlite3'], what: 'status' }, { timeoutMs: 5_000 });
    expect(seen).toEqual([{ timeoutMs: DEFAULT_DB_COMMAND_TIMEOUT_MS }, {}, {}, { timeoutMs: 5_000 }]);
  });
});

describe('runDbCommand engine failures', () => {
  it("keeps the pool's SSH verdict of an engine failure, and no cause with the engine's unmasked data", async () => {
    const { context } = recordingContext();
    const refused = new EngineError(
      'DENIED',
      'exec in db: host key of example unknown',
      { poolCode: 'HOST_KEY_UNKNOWN', stdout: 'partial' },
      { cause: new Error('pool') },
    );
    const engine = { execStream: async () => Promise.reject(refused) } as unknown as HostEngine;
    const error = await runDbCommand({ ...context, engine }, { argv: ['psql'], what: 'query' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DbError);
    expect(error).toMatchObject({ code: 'DENIED', data: { container: 'db', poolCode: 'HOST_KEY_UNKNOWN' } });
    expect((error as DbError).cause).toBeUndefined();
    expect(JSON.stringify((error as DbError).data)).not.toContain('partial');
  });
});

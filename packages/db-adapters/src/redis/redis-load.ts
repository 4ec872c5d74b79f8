import { randomBytes, randomInt } from 'node:crypto';
import type { Readable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import type { DbAdapterContext, DbCallOptions } from '../db-adapter.js';
import { dbError, runDbCommand } from '../db-exec.js';
import { redisInfo, runRedis } from './redis-cli.js';

const DEFAULT_WAIT_MS = 5 * 60_000;

async function waitUntil(
  context: DbAdapterContext,
  what: string,
  ready: () => Promise<boolean>,
  options: DbCallOptions,
  explain: () => Promise<string> = async () => '',
): Promise<void> {
  const end = Date.now() + (options.timeoutMs ?? DEFAULT_WAIT_MS);
  for (;;) {
    if (await ready().catch(() => false)) return;
    if (Date.now() > end) {
      const why = await explain().catch(() => '');
      throw dbError(context, 'TIMEOUT', `${what} did not happen in time${why ? `: ${why}` : ''}`, {
        container: context.container,
      });
    }
    await sleep(250, undefined, options.signal ? { signal: options.signal } : {});
  }
}

/**
 * Loads an RDB into the running server without restarting it or needing DEBUG (which
 * official images disable): the file is copied into the container, a temporary
 * redis-server on a loopback port loads it, the server replicates from it (a full sync
 * replaces its whole data set), then stops replicating. The temporary server and file go
 * whatever happens; a server that replicates from another already is refused.
 */
export async function loadRdb(
  context: DbAdapterContext,
  source: Readable,
  options: DbCallOptions,
): Promise<void> {
  const replication = await redisInfo(context, 'replication', options);
  if (replication.role !== 'master') {
    throw dbError(
      context,
      'CONFLICT',
      `this redis is a ${replication.role ?? 'non-primary'}; restore into its primary`,
      {
        container: context.container,
      },
    );
  }
  const dir = `/tmp/berth-restore-${randomBytes(6).toString('hex')}`;
  const port = randomInt(20_000, 60_000);
  const cleanup = { ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) };
  await runDbCommand(
    context,
    { argv: ['mkdir', '-m', '0700', '--', dir], what: 'make a folder for the restore' },
    options,
  );
  try {
    await runDbCommand(
      context,
      {
        argv: ['dd', `of=${dir}/dump.rdb`, 'bs=65536', 'status=none'],
        stdin: source,
        what: 'copy the RDB into the container',
      },
      options,
    );
    await runDbCommand(
      context,
      {
        argv: [
          'redis-server',
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--dbfilename',
          'dump.rdb',
          '--save',
          '',
          '--appendonly',
          'no',
          // Serve the sync at once instead of waiting for more replicas to join it.
          '--repl-diskless-sync-delay',
          '0',
          '--daemonize',
          'yes',
          '--logfile',
          `${dir}/redis.log`,
        ],
        what: 'start a temporary redis-server with the backup',
      },
      options,
    );
    const log = async () =>
      (
        await runDbCommand(
          context,
          { argv: ['tail', '-n', '5', `${dir}/redis.log`], what: 'read the temporary server log' },
          cleanup,
        )
      ).stdout;
    await waitUntil(
      context,
      'the temporary redis-server loading the backup',
      async () => (await redisInfo(context, 'persistence', { ...options, port })).loading === '0',
      options,
      log,
    );
    await runRedis(context, ['REPLICAOF', '127.0.0.1', String(port)], options);
    try {
      await waitUntil(
        context,
        'the full sync from the backup',
        async () => {
          const now = await redisInfo(context, 'replication', options);
          return (
            now.master_port === String(port) &&
            now.master_link_status === 'up' &&
            now.master_sync_in_progress === '0'
          );
        },
        options,
      );
    } finally {
      await runRedis(context, ['REPLICAOF', 'NO', 'ONE'], cleanup);
    }
    // Persist what was loaded where the server snapshots at all, so a restart keeps it.
    const save = await runRedis(context, ['CONFIG', 'GET', 'save'], cleanup);
    if ((JSON.parse(save.stdout) as Record<string, string>).save) await runRedis(context, ['SAVE'], cleanup);
  } finally {
    await runRedis(context, ['SHUTDOWN', 'NOSAVE'], { ...cleanup, port }).catch(() => {});
    await runDbCommand(
      context,
      { argv: ['rm', '-rf', '--', dir], what: 'remove the restore folder' },
      cleanup,
    ).catch(() => {});
  }
}

import type { BackupFile } from '../backup-file.js';
import type { DbAdapterContext, DbCallOptions } from '../db-adapter.js';
import { dbError, runDbCommand, shownText } from '../db-exec.js';
import { RdbStream, rdbBytesOf } from './rdb-stream.js';
import { redisCliArgv, redisEnv } from './redis-cli.js';

/**
 * Streams the server's RDB snapshot into a backup file: `redis-cli --rdb -` asks the server
 * for a replication sync and writes what it sends, so the dump is consistent and never
 * held whole in memory. A transfer that does not end in redis-cli's success line fails.
 */
export async function dumpRdb(
  context: DbAdapterContext,
  file: BackupFile,
  options: DbCallOptions,
): Promise<void> {
  const rdb = new RdbStream(file.stream);
  const env = redisEnv(context);
  const result = await runDbCommand(
    context,
    {
      argv: [...redisCliArgv(context, {}, false), '--rdb', '-'],
      ...(env ? { env } : {}),
      stdout: rdb,
      what: 'redis-cli --rdb',
    },
    options,
  );
  const rdbBytes = rdbBytesOf(result.stderr);
  if (rdbBytes === undefined) {
    throw dbError(
      context,
      'DATABASE',
      `redis-cli --rdb did not finish the transfer: ${shownText(context, result.stderr) || 'no message'}`,
      {
        container: context.container,
      },
    );
  }
  await rdb.finish(rdbBytes);
}

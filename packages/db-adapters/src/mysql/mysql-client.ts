import type { Readable, Writable } from 'node:stream';
import type { DbAdapterContext, DbCallOptions } from '../db-adapter.js';
import { DbError } from '../db-error.js';
import { type DbCommandResult, runDbCommand } from '../db-exec.js';
import { parseMysqlXml, type XmlResultSet } from './mysql-xml.js';

/** The programs of one container: MariaDB ships `mariadb` and `mariadb-dump`, MySQL (and older MariaDB) `mysql` and `mysqldump`. */
export interface MysqlTools {
  client: string;
  dump: string;
  flavour: 'mariadb' | 'mysql';
}

/** Finds which client the container has, once per adapter. */
export function mysqlTools(context: DbAdapterContext): (options: DbCallOptions) => Promise<MysqlTools> {
  let found: Promise<MysqlTools> | undefined;
  return (options) => {
    found ??= context.engine
      .execStream(context.container, ['mariadb', '--version'], {
        ...(options.signal ? { signal: options.signal } : {}),
        timeoutMs: 30_000,
      })
      .then((probe) =>
        probe.exitCode === 0
          ? ({ client: 'mariadb', dump: 'mariadb-dump', flavour: 'mariadb' } as const)
          : ({
              client: 'mysql',
              dump: 'mysqldump',
              flavour: /mariadb/i.test(probe.stdout) ? 'mariadb' : 'mysql',
            } as const),
      )
      .catch((error: unknown) => {
        found = undefined;
        throw error;
      });
    return found;
  };
}

/** A database name as the client and dump take it: attached to its flag, never a flag itself. */
export function mysqlDatabase(context: DbAdapterContext, database?: string): string | undefined {
  const name = database ?? context.credentials.database;
  if (
    name !== undefined &&
    (name.length === 0 || name.length > 64 || /[\0\n\r]/.test(name) || name.startsWith('-'))
  ) {
    throw new DbError('INVALID', `${JSON.stringify(name)} is not a mysql database name`, {});
  }
  return name;
}

/** Identifier quoting: backticks doubled. */
export const quoteIdent = (name: string) => `\`${name.replace(/`/g, '``')}\``;
/** String literal for berth's own SQL: quotes doubled, backslashes escaped. */
export const quoteString = (text: string) => `'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;

/** The password only ever travels in MYSQL_PWD, the exec environment. */
export function mysqlEnv(context: DbAdapterContext): Record<string, string> {
  return context.credentials.password ? { MYSQL_PWD: context.credentials.password } : {};
}

/** The identity flags: user attached to its flag, utf8mb4 so non-ASCII survives. */
export function identity(context: DbAdapterContext): string[] {
  const user = context.credentials.user;
  return [...(user ? [`--user=${user}`] : []), '--default-character-set=utf8mb4'];
}

export interface MysqlRun extends DbCallOptions {
  database?: string | undefined;
  /** `xml` for rows (NULL stays apart from 'NULL'), `table` for `--column-type-info`. */
  mode: 'xml' | 'table' | 'none';
  stdout?: Writable;
  maxCapturedBytes?: number;
  what: string;
}

/**
 * Runs a script through the client. `--binary-mode` turns off the client's own commands
 * (`system`, `\\!`, `source`) for piped input, so no text in the script reaches a shell.
 */
export async function runMysql(
  context: DbAdapterContext,
  tools: MysqlTools,
  script: string | Readable,
  run: MysqlRun,
): Promise<DbCommandResult> {
  const database = mysqlDatabase(context, run.database);
  const mode =
    run.mode === 'xml' ? ['--xml'] : run.mode === 'table' ? ['--table', '--column-type-info'] : ['--batch'];
  return runDbCommand(
    context,
    {
      argv: [
        tools.client,
        ...identity(context),
        ...(database ? [`--database=${database}`] : []),
        '--binary-mode',
        ...mode,
      ],
      env: mysqlEnv(context),
      stdin: script,
      what: run.what,
      ...(run.stdout ? { stdout: run.stdout } : {}),
      ...(run.maxCapturedBytes ? { maxCapturedBytes: run.maxCapturedBytes } : {}),
    },
    run,
  );
}

/** Result sets of berth's own SQL. */
export async function mysqlRows(
  context: DbAdapterContext,
  tools: MysqlTools,
  sql: string,
  run: Omit<MysqlRun, 'mode' | 'stdout'>,
): Promise<XmlResultSet[]> {
  const result = await runMysql(context, tools, sql, {
    maxCapturedBytes: 4 * 1024 * 1024,
    ...run,
    mode: 'xml',
  });
  return parseMysqlXml(result.stdout).sets;
}

import { text } from 'node:stream/consumers';
import { CliError } from '../cli-error.js';
import type { ArgSpec, CommandInput, CommandSpec, OptionSpec } from '../command-spec.js';
import { queryTable } from '../render/query-table.js';
import { stepProgress } from '../render/step-progress.js';
import type { Session } from '../session.js';
import { type Params, type ToolCommandOptions, toolCommand } from '../tool-command.js';

const CONTAINER: ArgSpec = {
  name: 'container',
  description: 'the container the database runs in (name or id)',
  required: true,
  completes: 'container',
};
const STATEMENT: ArgSpec = {
  name: 'statement',
  description: 'SQL (redis: a command line; mongo: a JSON command document); - reads it from stdin',
  required: true,
};
const DATABASE: OptionSpec = {
  flags: '-d, --database <name>',
  description: "the database (sqlite: the file's path in the container); default: the container's own",
};
const KIND: OptionSpec = {
  flags: '--kind <kind>',
  description: 'postgres|mysql|sqlite|redis|mongo (default: detected)',
};
const MAX_ROWS: OptionSpec = {
  flags: '--max-rows <n>',
  description: 'rows shown (100; at most 1000)',
  type: 'int',
};
const FILE: OptionSpec = { flags: '-f, --file <name>', description: "a file in berth's backup folder" };
const FORMAT: OptionSpec = {
  flags: '--format <format>',
  description: 'pg-custom|pg-plain|mysql-sql|sqlite|redis-rdb|mongo-archive|mongo-export',
};

/** The container and the --database and --kind every db action takes. */
function dbRef({ args, options }: CommandInput): Params {
  return {
    container: args[0],
    ...(typeof options.database === 'string' ? { database: options.database } : {}),
    ...(typeof options.kind === 'string' ? { kind: options.kind } : {}),
  };
}

/** The statement as given, or stdin's text for `-` (a script piped in; never a terminal's wait). */
async function statement(input: CommandInput, session: Session): Promise<string> {
  const arg = input.args[1] as string;
  if (arg !== '-') return arg;
  if (session.io.interactive) throw new CliError('INVALID', 'statement -: pipe the statement in on stdin');
  const given = await text(session.io.stdin);
  if (given.trim() === '') throw new CliError('INVALID', 'statement -: stdin was empty');
  return given;
}

const maxRows = ({ options }: CommandInput): Params =>
  options.maxRows !== undefined ? { max_rows: options.maxRows } : {};

/** A db_read action on a container: `berth db <name> CONTAINER`. */
function dbRead(
  o: Pick<ToolCommandOptions, 'summary' | 'examples' | 'pages'> & { name: string },
): CommandSpec {
  return toolCommand({
    ...o,
    path: ['db', o.name],
    kind: 'read',
    tool: 'db_read',
    action: o.name,
    args: [CONTAINER],
    options: o.name === 'databases' ? [KIND] : [DATABASE, KIND],
    params: (input) => dbRef(input),
  });
}

/** `berth db ...`: the db toolset (db_read, db_admin). */
export const DB_COMMANDS: CommandSpec[] = [
  toolCommand({
    path: ['db', 'query'],
    summary: 'one read-only statement; the rows as a table (writes are refused: db exec)',
    kind: 'read',
    tool: 'db_read',
    action: 'query',
    args: [CONTAINER, STATEMENT],
    options: [DATABASE, KIND, MAX_ROWS],
    examples: [
      "berth db query shop-db 'SELECT id, name FROM items ORDER BY id'",
      'berth db query shop-db - --json < report.sql',
    ],
    params: async (input, session) => ({
      ...dbRef(input),
      statement: await statement(input, session),
      ...maxRows(input),
    }),
    render: queryTable,
  }),
  dbRead({ name: 'status', summary: "the database's version, size, connections, role, uptime" }),
  dbRead({ name: 'databases', summary: 'the names of the databases', pages: true }),
  dbRead({ name: 'tables', summary: 'the tables of a database with a row estimate', pages: true }),
  toolCommand({
    path: ['db', 'exec'],
    summary:
      'run a write or DDL statement; DROP, TRUNCATE, DELETE/UPDATE without WHERE ask first (--yes, --dry-run)',
    kind: 'lose',
    tool: 'db_admin',
    action: 'exec',
    args: [CONTAINER, STATEMENT],
    options: [DATABASE, KIND, MAX_ROWS],
    examples: [
      "berth db exec shop-db 'UPDATE items SET price = 3 WHERE id = 1'",
      "berth db exec shop-db 'DELETE FROM scratch' --yes",
    ],
    params: async (input, session) => ({
      ...dbRef(input),
      statement: await statement(input, session),
      ...maxRows(input),
    }),
    render: queryTable,
  }),
  toolCommand({
    path: ['db', 'backup'],
    summary: "dump a database to a new file in berth's backup folder (progress on a terminal)",
    kind: 'add',
    tool: 'db_admin',
    action: 'backup',
    args: [CONTAINER],
    options: [DATABASE, KIND, FILE, FORMAT],
    examples: ['berth db backup shop-db', 'berth db backup shop-db -f shop-before-upgrade.dump'],
    params: (input) => ({
      ...dbRef(input),
      ...(typeof input.options.file === 'string' ? { file: input.options.file } : {}),
      ...(typeof input.options.format === 'string' ? { format: input.options.format } : {}),
    }),
    progress: stepProgress('backup'),
  }),
  toolCommand({
    path: ['db', 'restore'],
    summary:
      'replace a database with a backup file: a safety backup first, verified after (asks first; --yes, --dry-run)',
    kind: 'lose',
    tool: 'db_admin',
    action: 'restore',
    args: [CONTAINER, { name: 'file', description: "a file in berth's backup folder", required: true }],
    options: [
      DATABASE,
      KIND,
      FORMAT,
      { flags: '--no-safety-backup', description: 'skip the backup of the current contents' },
    ],
    examples: ['berth db restore shop-db shop-before-upgrade.dump --dry-run'],
    params: (input) => ({
      ...dbRef(input),
      file: input.args[1],
      ...(typeof input.options.format === 'string' ? { format: input.options.format } : {}),
      ...(input.options.safetyBackup === false ? { safety_backup: false } : {}),
    }),
    progress: stepProgress('restore'),
  }),
];

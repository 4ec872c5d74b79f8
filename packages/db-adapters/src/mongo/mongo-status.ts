import type { CellValue, DbAdapterContext, DbCallOptions, DbStatus, TableInfo } from '../db-adapter.js';
import { runMongosh } from './mongo-shell.js';

// Each figure from its own command (a plain loop: mongosh runs try/catch there as written), so a server that lacks one (jongodb has no serverStatus
// or dbStats) still reports the rest, and says which it could not read.
const STATUS = `
const admin = conn.getDB('admin');
const status = {};
const asks = [['buildInfo', admin, { buildInfo: 1 }], ['hello', admin, { hello: 1 }], ['serverStatus', admin, { serverStatus: 1 }], ['dbStats', target, { dbStats: 1 }]];
for (const [name, db, command] of asks) {
  try { status[name] = db.runCommand(command); } catch (e) { status[name] = { error: String(e.message || e) }; }
}
out(status);
`;

type Reply = Record<string, unknown> & { error?: string };

const num = (v: unknown): number | undefined => {
  if (typeof v === 'number') return v;
  if (v !== null && typeof v === 'object') {
    const inner = Object.values(v)[0];
    return inner === undefined || Number.isNaN(Number(inner)) ? undefined : Number(inner);
  }
  return undefined;
};

/** Version, role, connections and size, from buildInfo, hello, serverStatus and dbStats. */
export async function mongoStatus(context: DbAdapterContext, options: DbCallOptions = {}): Promise<DbStatus> {
  const { stdout } = await runMongosh(context, STATUS, { ...options, what: 'mongo status' });
  const line = stdout.split('\n').find((l) => l.startsWith('{')) ?? '{}';
  const r = JSON.parse(line) as Record<'buildInfo' | 'hello' | 'serverStatus' | 'dbStats', Reply>;
  const details: Record<string, CellValue> = {};
  for (const [name, reply] of Object.entries(r))
    if (reply.error) details[`${name}Error`] = context.masker.maskText(reply.error);
  const hello = r.hello;
  const role = hello.setName
    ? hello.isWritablePrimary || hello.ismaster
      ? 'primary'
      : 'replica'
    : 'standalone';
  if (typeof hello.setName === 'string') details.replicaSet = hello.setName;
  const status: DbStatus = {
    kind: 'mongo',
    version: String(r.buildInfo.version ?? 'unknown'),
    role,
    details,
  };
  const connections = r.serverStatus.connections as Record<string, unknown> | undefined;
  const current = num(connections?.current);
  if (current !== undefined) status.connections = current;
  const available = num(connections?.available);
  if (current !== undefined && available !== undefined) status.maxConnections = current + available;
  const uptime = num(r.serverStatus.uptime);
  if (uptime !== undefined) status.uptimeSeconds = uptime;
  const size = num(r.dbStats.storageSize) ?? num(r.dbStats.dataSize);
  if (size !== undefined) status.sizeBytes = size;
  return status;
}

const LIST = `
const what = env.BERTH_MONGO_LIST;
if (what === 'databases') for (const d of conn.getDB('admin').runCommand({ listDatabases: 1, nameOnly: true }).databases) out(d.name);
else for (const c of target.runCommand({ listCollections: 1, nameOnly: true }).cursor.firstBatch) out(c.name);
`;

async function list(context: DbAdapterContext, what: string, options: DbCallOptions & { database?: string }) {
  const { stdout } = await runMongosh(context, LIST, {
    ...options,
    env: { BERTH_MONGO_LIST: what },
    what: `mongo list ${what}`,
  });
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('"'))
    .map((l) => JSON.parse(l) as string)
    .sort();
}

export const mongoDatabases = (context: DbAdapterContext, options: DbCallOptions = {}) =>
  list(context, 'databases', options);

export async function mongoCollections(
  context: DbAdapterContext,
  options: DbCallOptions & { database?: string } = {},
): Promise<TableInfo[]> {
  const database = options.database ?? context.credentials.database;
  return (await list(context, 'collections', options)).map((name) =>
    database ? { schema: database, name } : { name },
  );
}

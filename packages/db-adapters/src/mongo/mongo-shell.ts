import type { Readable, Writable } from 'node:stream';
import type { DbAdapterContext, DbCallOptions } from '../db-adapter.js';
import { runDbCommand } from '../db-exec.js';

// Connects from inside the container. The password arrives in the exec environment and
// goes into the URI here, URL-encoded, so it is never on a command line.
const PRELUDE = `
const env = process.env;
const login = env.BERTH_MONGO_PASSWORD ? encodeURIComponent(env.BERTH_MONGO_USER || '') + ':' + encodeURIComponent(env.BERTH_MONGO_PASSWORD) + '@' : '';
const conn = new Mongo('mongodb://' + login + '127.0.0.1:27017/?directConnection=true&serverSelectionTimeoutMS=15000' + (login ? '&authSource=' + encodeURIComponent(env.BERTH_MONGO_AUTH_DB || 'admin') : ''));
const target = conn.getDB(env.BERTH_MONGO_DB || 'test');
const out = (value) => print(EJSON.stringify(value, { relaxed: false }));
function* stdinLines() {
  const fs = require('fs');
  const buf = Buffer.alloc(65536);
  let rest = '';
  for (;;) {
    let n;
    try { n = fs.readSync(0, buf, 0, buf.length, null); } catch (e) { if (e.code === 'EAGAIN') continue; if (e.code === 'EOF') break; throw e; }
    if (n === 0) break;
    const parts = (rest + buf.toString('utf8', 0, n)).split('\\n');
    rest = parts.pop();
    for (const part of parts) if (part) yield part;
  }
  if (rest) yield rest;
}
`;

export interface MongoshRun extends DbCallOptions {
  database?: string;
  /** More exec env for the script (`BERTH_MONGO_REQUEST`, ...). */
  env?: Record<string, string>;
  stdin?: Readable;
  stdout?: Writable;
  maxCapturedBytes?: number;
  what: string;
}

/**
 * Runs a mongosh script in the container (`--nodb`, the script connects itself): argv
 * holds only berth's own code; credentials and the caller's request travel in the exec
 * environment. Each value the script prints is a line of canonical EJSON.
 */
export async function runMongosh(context: DbAdapterContext, script: string, run: MongoshRun) {
  const { credentials } = context;
  const env: Record<string, string> = { ...run.env };
  if (credentials.password) env.BERTH_MONGO_PASSWORD = credentials.password;
  if (credentials.user) env.BERTH_MONGO_USER = credentials.user;
  const database = run.database ?? credentials.database;
  if (database) env.BERTH_MONGO_DB = database;
  return runDbCommand(
    context,
    {
      argv: ['mongosh', '--quiet', '--nodb', '--norc', '--eval', `${PRELUDE}\n${script}`],
      env,
      what: run.what,
      ...(run.stdin ? { stdin: run.stdin } : {}),
      ...(run.stdout ? { stdout: run.stdout } : {}),
      ...(run.maxCapturedBytes ? { maxCapturedBytes: run.maxCapturedBytes } : {}),
    },
    run,
  );
}

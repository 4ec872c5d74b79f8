import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import { errorLine } from '../framework/error-message.js';
import { pageParams } from '../framework/shape-rows.js';
import { ToolError } from '../framework/tool-error.js';
import { action } from '../framework/tool-spec.js';
import { DEFAULT_QUERY_ROWS, MAX_QUERY_ROWS, maxRowsParam, queryRow, queryRowOf } from './db-query-row.js';
import { dbRef, openDb, statementParam } from './db-target.js';

const statusRow = z.object({
  kind: z.string(),
  version: z.string(),
  size_bytes: z.number().optional(),
  connections: z.number().optional(),
  max_connections: z.number().optional(),
  role: z.string().optional(),
  uptime_s: z.number().optional(),
  details: z.record(z.string(), z.unknown()),
});
const databaseRow = z.object({ database: z.string() });
const tableRow = z.object({ schema: z.string().optional(), table: z.string(), rows: z.number().optional() });

// A query berth stops waiting for also ends on the server (the adapter's statement deadline).
const QUERY_TIMEOUT_MS = 60_000;

/**
 * Reads of databases in containers. `query` runs one read-only statement: the classifier
 * refuses anything else before it runs, and the database runs it read-only too (a function
 * that writes still fails there).
 */
export const dbReadTool = defineTool({
  name: 'db_read',
  title: 'Read databases in containers',
  intro:
    'Reads only (postgres, mysql/mariadb, sqlite, redis, mongo in a container). `container`: name or id; `kind` is detected. Secrets masked.',
  toolset: 'db',
  actions: {
    query: action({
      summary:
        'one read-only `statement`; answers columns with types and `values` rows; writes are refused (db_admin exec)',
      effect: 'read',
      params: z.object({ ...dbRef, statement: statementParam, max_rows: maxRowsParam }),
      rows: queryRow,
      deadlineMs: QUERY_TIMEOUT_MS + 15_000,
      run: async (p, call) => {
        const db = await openDb(call, p);
        const maxRows = p.max_rows ?? DEFAULT_QUERY_ROWS;
        try {
          const result = await db.query(p.statement, {
            readOnly: true,
            maxRows: Math.min(maxRows, MAX_QUERY_ROWS),
            maxBytes: 1024 * 1024,
            timeoutMs: QUERY_TIMEOUT_MS,
            signal: call.signal,
            ...(p.database ? { database: p.database } : {}),
          });
          return queryRowOf(result, maxRows);
        } catch (error) {
          throw readOnlyHint(error);
        }
      },
    }),
    status: action({
      summary: 'version, size, connections, role, uptime',
      effect: 'read',
      params: z.object(dbRef),
      rows: statusRow,
      run: async (p, call) => {
        const s = await (await openDb(call, p)).status({ signal: call.signal });
        return {
          kind: s.kind,
          version: s.version,
          ...(s.sizeBytes === undefined ? {} : { size_bytes: s.sizeBytes }),
          ...(s.connections === undefined ? {} : { connections: s.connections }),
          ...(s.maxConnections === undefined ? {} : { max_connections: s.maxConnections }),
          ...(s.role === undefined ? {} : { role: s.role }),
          ...(s.uptimeSeconds === undefined ? {} : { uptime_s: s.uptimeSeconds }),
          details: s.details,
        };
      },
    }),
    databases: action({
      summary: 'names of the databases',
      effect: 'read',
      params: z.object({
        container: dbRef.container,
        kind: dbRef.kind,
        limit: pageParams.limit,
        cursor: pageParams.cursor,
      }),
      rows: databaseRow,
      run: async (p, call) =>
        (await (await openDb(call, p)).listDatabases({ signal: call.signal })).map((database) => ({
          database,
        })),
    }),
    tables: action({
      summary: 'tables of `database` with a row estimate',
      effect: 'read',
      params: z.object({ ...dbRef, limit: pageParams.limit, cursor: pageParams.cursor }),
      rows: tableRow,
      run: async (p, call) => {
        const db = await openDb(call, p);
        const tables = await db.listTables({
          signal: call.signal,
          ...(p.database ? { database: p.database } : {}),
        });
        return tables.map((t) => ({
          ...(t.schema === undefined ? {} : { schema: t.schema }),
          table: t.name,
          ...(t.rows === undefined ? {} : { rows: t.rows }),
        }));
      },
    }),
  },
});

/** The adapter tells library callers to pass readOnly: false; an agent's way to write is db_admin. */
function readOnlyHint(error: unknown): unknown {
  const line = errorLine(error);
  if (line.code !== 'READ_ONLY') return error;
  const message = (error as Error).message.replace(/;? ?pass readOnly: false to run it/, '');
  return new ToolError('READ_ONLY', `${message}; db_read only reads: writes go through db_admin exec`, {
    hinted: true,
  });
}

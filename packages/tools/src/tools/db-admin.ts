import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BackupFormat, DbAdapter, RestoreOptions, RestorePlan } from '@berth/db-adapters';
import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import type { HostCall } from '../framework/host-call.js';
import { action, type Plan } from '../framework/tool-spec.js';
import {
  backupFileParam,
  backupName,
  backupPath,
  containedBackup,
  ensureBackupDir,
} from './db-backup-dir.js';
import { watchDumpBytes } from './db-backup-progress.js';
import { execRisk } from './db-exec-risk.js';
import {
  DEFAULT_QUERY_ROWS,
  execResultRow,
  execRowOf,
  MAX_QUERY_ROWS,
  maxRowsParam,
} from './db-query-row.js';
import { type DbRef, dbRef, dbTarget, openDb, statementParam } from './db-target.js';

const formatParam = z
  .enum(['pg-custom', 'pg-plain', 'mysql-sql', 'sqlite', 'redis-rdb', 'mongo-archive', 'mongo-export'])
  .optional()
  .describe("Dump format (default: the engine's first; restore: read from the file)");

const backupRow = z.object({
  file: z.string(),
  bytes: z.number(),
  sha256: z.string(),
  format: z.string(),
  database: z.string().optional(),
  ms: z.number(),
});
// A write's result, or (unconfirmed) the statements that need confirming and why.
const execRow = z.object({
  ...execResultRow.shape,
  statement: z.string().optional(),
  risk: z.string().optional(),
  on: z.string().optional(),
});
const restoreRow = z.object({
  step: z.string(),
  detail: z.string(),
});

// Longer than a query: a dump or a load streams the whole database.
const DUMP_TIMEOUT_MS = 60 * 60_000;

interface ExecData {
  db: DbAdapter;
}

interface RestoreData {
  db: DbAdapter;
  plan: RestorePlan;
  options: RestoreOptions;
}

/** Confirmation of a write: the statements the classifier calls dangerous, or nothing to confirm. */
async function execPlan(p: DbRef & { statement: string }, call: HostCall): Promise<Plan> {
  const db = await openDb(call, p);
  const risk = execRisk({
    kind: db.kind,
    container: db.container,
    database: p.database,
    statement: p.statement,
    mask: (text) => call.masker.maskText(text),
  });
  return { ...(risk ?? { rows: [], targets: [] }), data: { db } satisfies ExecData };
}

interface RestoreParams extends DbRef {
  file: string;
  format?: BackupFormat | undefined;
  safety_backup?: boolean | undefined;
}

/** The source file checked and hashed, the safety backup named: what restore will do, nothing done. */
async function restorePlan(p: RestoreParams, call: HostCall): Promise<Plan> {
  const dir = await ensureBackupDir(call);
  // A restore that fails or is cancelled loads its safety backup back: that needs the engine.
  const db = await openDb(call, p, DUMP_TIMEOUT_MS);
  const safetyName = backupName({
    container: p.container,
    kind: db.kind,
    database: p.database,
    now: new Date(),
    prefix: 'before-restore-',
    taken: (name) => existsSync(join(dir, name)),
  });
  const options: RestoreOptions = {
    safetyBackup: p.safety_backup === false ? false : backupPath(dir, safetyName),
    signal: call.signal,
    timeoutMs: DUMP_TIMEOUT_MS,
    ...(p.database ? { database: p.database } : {}),
    ...(p.format ? { format: p.format } : {}),
  };
  const plan = await db.planRestore(await containedBackup(call, dir, p.file), options);
  const { source } = plan;
  const database = plan.database ?? '(its only data set)';
  const rows = [
    {
      step: 'source',
      detail: `${source.path}, ${source.bytes} bytes, sha256 ${source.sha256}, ${plan.format}`,
    },
    { step: 'target', detail: `${plan.kind} database ${database} in container ${p.container}` },
    ...plan.steps.map((detail, i) => ({ step: String(i + 1), detail })),
  ];
  const targets = [
    `database ${db.container} ${plan.database ?? ''}`.trimEnd(),
    `file ${source.path} sha256 ${source.sha256}`,
  ];
  return { rows, targets, data: { db, plan, options } satisfies RestoreData };
}

/**
 * Changes to databases in containers. `exec` runs write statements; the ones that lose
 * data by themselves (DROP, TRUNCATE, DELETE or UPDATE without WHERE) are confirmed with a
 * plan that shows them. `backup` only adds a file. `restore` replaces the database's
 * contents: planned, confirmed, a safety backup first, verified after.
 */
export const dbAdminTool = defineTool({
  name: 'db_admin',
  title: 'Change, back up and restore databases in containers',
  intro:
    "Writes to databases in containers. `container`: name or id; `kind` is detected. Backup files live in berth's backup folder. Where confirmation applies, an unconfirmed call changes nothing and answers with its plan and a confirm_token: repeat it with that token. dry_run: plan only.",
  toolset: 'db',
  actions: {
    exec: action({
      summary:
        'run `statement` (writes, DDL); DROP, TRUNCATE, DELETE/UPDATE without WHERE and any redis/mongo command need confirmation',
      effect: 'lose',
      params: z.object({ ...dbRef, statement: statementParam, max_rows: maxRowsParam }),
      rows: execRow,
      target: dbTarget,
      plan: execPlan,
      run: async (p, call, plan) => {
        const db = (plan?.data as ExecData | undefined)?.db ?? (await openDb(call, p));
        const maxRows = p.max_rows ?? DEFAULT_QUERY_ROWS;
        const result = await db.query(p.statement, {
          readOnly: false,
          maxRows: Math.min(maxRows, MAX_QUERY_ROWS),
          maxBytes: 1024 * 1024,
          signal: call.signal,
          ...(p.database ? { database: p.database } : {}),
        });
        return execRowOf(result, maxRows, db.kind);
      },
    }),
    backup: action({
      summary: 'dump to a new `file` (default: a fresh name); never overwrites; reports bytes as it streams',
      effect: 'add',
      params: z.object({ ...dbRef, file: backupFileParam.optional(), format: formatParam }),
      rows: backupRow,
      target: dbTarget,
      run: async (p, call) => {
        const dir = await ensureBackupDir(call);
        const db = await openDb(call, p);
        const name =
          p.file ??
          backupName({
            container: p.container,
            kind: db.kind,
            database: p.database,
            format: p.format,
            now: new Date(),
            taken: (name) => existsSync(join(dir, name)),
          });
        const destination = await containedBackup(call, dir, name);
        const stop = watchDumpBytes(call, destination.path, 'backup');
        try {
          const done = await db.backup(destination, {
            signal: call.signal,
            timeoutMs: DUMP_TIMEOUT_MS,
            ...(p.database ? { database: p.database } : {}),
            ...(p.format ? { format: p.format } : {}),
          });
          await call.progress(done.bytes, done.bytes, `backup: ${done.bytes} bytes`);
          return {
            file: done.path,
            bytes: done.bytes,
            sha256: done.sha256,
            format: done.format,
            ...(done.database === undefined ? {} : { database: done.database }),
            ms: Math.round(done.durationMs),
          };
        } finally {
          stop();
        }
      },
    }),
    restore: action({
      summary:
        'replace the contents with backup `file`; a safety backup first unless `safety_backup: false`; verified, rolled back on failure',
      effect: 'lose',
      params: z.object({
        ...dbRef,
        file: backupFileParam,
        format: formatParam,
        safety_backup: z.boolean().optional().describe('false: skip the backup of the current state'),
      }),
      rows: restoreRow,
      target: (p) => `${dbTarget(p)} from ${p.file}`,
      plan: restorePlan,
      run: async (p, call, plan) => {
        const data = (plan ?? (await restorePlan(p, call))).data as RestoreData;
        const safety = data.options.safetyBackup;
        const stop = safety ? watchDumpBytes(call, safety.path, 'safety backup') : () => {};
        try {
          await call.progress(0, undefined, 'restore started');
          const done = await data.db.restore(data.plan, data.options);
          const { verified } = done;
          return [
            { step: 'restored', detail: `${data.plan.source.path} (${data.plan.source.bytes} bytes)` },
            ...(done.safetyBackup
              ? [
                  {
                    step: 'safety backup',
                    detail: `${done.safetyBackup.path}, ${done.safetyBackup.bytes} bytes, sha256 ${done.safetyBackup.sha256}`,
                  },
                ]
              : []),
            {
              step: 'verified',
              detail: `${verified.tables} tables, ${verified.rows} rows, fingerprint ${verified.fingerprint}`,
            },
          ];
        } finally {
          stop();
        }
      },
    }),
  },
});

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { MigrationPlan } from '@berth/compose';
import { berthPaths } from '@berth/config/lite';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';

/** A migration that ran to the end: its plan, kept so the source is removed as planned. */
export interface MigrationRecord {
  plan: MigrationPlan;
  migratedAt: string;
  /** Content bytes moved, every tree verified by checksums on both hosts. */
  bytes: number;
  /** Set once the source was removed: a repeat removes nothing. */
  removedAt?: string;
}

/**
 * Finished migrations in berth's state folder, one file per plan id. A file, not memory:
 * the source is removed in a later call, maybe from another process (the CLI) or after a
 * restart, and only for a migration that ran here and verified its data.
 */
export function migrationRecords(call: HostCall) {
  const dir = join(berthPaths({ env: call.config.env, home: call.config.home }).stateDir, 'migrations');
  const file = (id: string) => join(dir, `${id}.json`);
  return {
    async save(record: MigrationRecord): Promise<void> {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      const temporary = `${file(record.plan.id)}.${process.pid}.tmp`;
      await writeFile(temporary, JSON.stringify(record), { mode: 0o600 });
      await rename(temporary, file(record.plan.id));
    },
    async load(id: string): Promise<MigrationRecord> {
      const text = await readFile(file(id), 'utf8').catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error;
        throw new ToolError(
          'NOT_FOUND',
          `No migration with plan_id ${id} ran to the end here; run compose_ops migrate first`,
        );
      });
      return JSON.parse(text) as MigrationRecord;
    },
  };
}

/* Test-only: the README's example, run by the postgres engine test and quoted by the README. */
import type { HostEngine } from '@berth/engine';
import { createMasker } from '@berth/security';
import { openDbAdapter } from './open-db-adapter.js';

export async function readmeExample(host: HostEngine, container: string, dir: string) {
  // README example begins
  const masker = createMasker(); // learns the database password; mask your output with it too
  const db = await openDbAdapter(host, container, { masker });
  const rows = await db.query('SELECT id, name FROM items ORDER BY id', { maxRows: 100 });
  // rows.columns [{ name: 'id', type: 'integer' }, ...], rows.rows [[1, 'tea'], ...], rows.text a table
  const backup = await db.backup({ root: dir, path: `${dir}/shop.dump` }); // { bytes, sha256, format: 'pg-custom' }
  const options = { safetyBackup: { root: dir, path: `${dir}/before-restore.dump` } };
  const plan = await db.planRestore({ root: dir, path: backup.path }, options); // plan.steps: what will happen
  const restored = await db.restore(plan, options); // safety backup, restore, verify; rolls back on failure
  const status = await db.status(); // { version, sizeBytes, connections, role, ... }
  // README example ends
  return { rows, backup, plan, restored, status };
}

import { describe, expect, it } from 'vitest';
import { backupName, backupPath } from './db-backup-dir.js';

describe('backup files', () => {
  it('names a dump by container, database, time and format', () => {
    const now = new Date('2026-11-26T13:04:05.678Z');
    expect(backupName({ container: 'shop-db', kind: 'postgres', database: 'shop', now })).toBe(
      'shop-db-shop-20261126T130405Z.dump',
    );
    expect(
      backupName({
        container: 'lite',
        kind: 'sqlite',
        database: '/data/a b.db',
        now,
        prefix: 'before-restore-',
      }),
    ).toBe('before-restore-lite-a_b.db-20261126T130405Z.sqlite');
    expect(backupName({ container: '..x', kind: 'mysql', format: 'mysql-sql', now })).toBe(
      'x-20261126T130405Z.sql',
    );
  });

  it('numbers a name already taken, as two backups in one second would have', () => {
    const now = new Date('2026-11-26T13:04:05.678Z');
    const taken = new Set(['pg-20261126T130405Z.dump', 'pg-20261126T130405Z-2.dump']);
    expect(backupName({ container: 'pg', kind: 'postgres', now, taken: (n) => taken.has(n) })).toBe(
      'pg-20261126T130405Z-3.dump',
    );
    expect(backupName({ container: 'pg', kind: 'postgres', now, taken: () => false })).toBe(
      'pg-20261126T130405Z.dump',
    );
  });

  it('puts relative names under the folder and leaves absolute paths for the containment check', () => {
    expect(backupPath('/s/backups', 'a/b.dump')).toEqual({ root: '/s/backups', path: '/s/backups/a/b.dump' });
    expect(backupPath('/s/backups', '/etc/passwd')).toEqual({ root: '/s/backups', path: '/etc/passwd' });
  });
});

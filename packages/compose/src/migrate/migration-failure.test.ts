import { BerthError } from '@berth/errors';
import { describe, expect, it } from 'vitest';
import { migrationFailure } from './migration-failure.js';

const clean = { undone: ['remove volume v from the target'], failed: [] };
const live = new AbortController().signal;

describe('migrationFailure', () => {
  it('keeps a code the migration documents and names the step and the rollback', () => {
    const error = migrationFailure(new BerthError('VERIFY_FAILED', 'v differs'), 'copy-volumes', live, clean);
    expect(error.code).toBe('VERIFY_FAILED');
    expect(error.message).toBe(
      'migration failed at copy-volumes: v differs; rolled back: the target holds nothing of it and the source runs again',
    );
    expect(error.data).toMatchObject({ step: 'copy-volumes', rollback: clean, causeCode: 'VERIFY_FAILED' });
  });

  it('turns other failures into ENGINE, says what rollback left, and is CANCELLED once the signal fired', () => {
    const left = { undone: [], failed: [{ what: 'remove /srv/x from the target', error: 'busy' }] };
    const engine = migrationFailure(new BerthError('WRITE_FAILED', 'disk full'), 'copy-binds', live, left);
    expect(engine.code).toBe('ENGINE');
    expect(engine.message).toContain('rollback incomplete (remove /srv/x from the target)');
    expect(
      migrationFailure(new Error('socket hang up'), 'copy-volumes', AbortSignal.abort(), clean).code,
    ).toBe('CANCELLED');
  });
});

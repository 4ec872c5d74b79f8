import { describe, expect, it } from 'vitest';
import { MigrationJournal } from './migration-journal.js';

describe('MigrationJournal', () => {
  it('undoes newest first, and forgets a helper that was removed already', () => {
    const journal = new MigrationJournal();
    journal.record({ kind: 'stopped', side: 'source', container: 'a' });
    journal.record({ kind: 'volume', side: 'target', name: 'v' });
    journal.record({ kind: 'helper', side: 'target', container: 'h' });
    journal.record({ kind: 'path', side: 'target', path: '/srv/x' });
    journal.forget((e) => e.kind === 'helper' && e.container === 'h');
    expect(journal.undoOrder().map((e) => e.kind)).toEqual(['path', 'volume', 'stopped']);
  });
});

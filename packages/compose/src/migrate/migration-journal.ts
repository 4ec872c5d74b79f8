/** One thing a migration did that rollback must undo. */
export type JournalEntry =
  /** A container of the stack stopped on the source: restarted on rollback. */
  | { kind: 'stopped'; side: 'source'; container: string }
  /** An image loaded into the target: removed on rollback. */
  | { kind: 'image'; side: 'target'; ref: string }
  /** A volume created on the target: removed on rollback. */
  | { kind: 'volume'; side: 'target'; name: string }
  /** A helper container on either side: removed as soon as its copy ends, and on rollback. */
  | { kind: 'helper'; side: 'source' | 'target'; container: string }
  /** A path created on the target's host (the topmost new folder or file): removed on rollback. */
  | { kind: 'path'; side: 'target'; path: string }
  /** The stack brought up on the target: taken down (volumes kept; their own entries remove them). */
  | { kind: 'stack'; side: 'target'; project: string };

/**
 * What a migration created or changed, in order, so rollback undoes exactly that and
 * nothing else: it never touches a resource it did not record.
 */
export class MigrationJournal {
  private readonly done: JournalEntry[] = [];

  record(entry: JournalEntry): void {
    this.done.push(entry);
  }

  /** Marks an entry as undone already (a helper removed after its copy). */
  forget(match: (entry: JournalEntry) => boolean): void {
    const at = this.done.findIndex(match);
    if (at !== -1) this.done.splice(at, 1);
  }

  /** The entries, newest first: the order to undo them in. */
  undoOrder(): JournalEntry[] {
    return [...this.done].reverse();
  }

  entries(): readonly JournalEntry[] {
    return this.done;
  }
}

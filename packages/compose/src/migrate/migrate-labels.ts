/** Set on everything a migration creates on the target, with the migration's id as value. */
export const LABEL_MIGRATION = 'berth.migrate';
/** Set on the stopped helper containers that read and write trees: `source` or `target`. */
export const LABEL_HELPER = 'berth.migrate.helper';

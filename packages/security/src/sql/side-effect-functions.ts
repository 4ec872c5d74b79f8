import type { SqlClass, SqlDialect } from './sql-types.js';

export interface FunctionEffect {
  class: Exclude<SqlClass, 'read' | 'ddl'>;
  reason: string;
}

const effects = (cls: FunctionEffect['class'], reason: string, names: readonly string[]) =>
  names.map((name) => [name, { class: cls, reason }] as const);

const POSTGRES = new Map<string, FunctionEffect>([
  ...effects('dangerous', 'ends or signals other sessions', [
    'pg_terminate_backend',
    'pg_cancel_backend',
    'pg_reload_conf',
    'pg_rotate_logfile',
    'pg_promote',
  ]),
  ...effects('dangerous', 'reads, writes or lists files on the database server', [
    'pg_read_file',
    'pg_read_binary_file',
    'pg_ls_dir',
    'pg_stat_file',
    'pg_ls_logdir',
    'pg_ls_waldir',
    'pg_ls_tmpdir',
    'lo_import',
    'lo_export',
    'pg_file_write',
    'pg_file_unlink',
    'pg_file_rename',
  ]),
  ...effects('dangerous', 'removes data outside any table', [
    'lo_unlink',
    'pg_drop_replication_slot',
    'pg_replication_origin_drop',
    'pg_truncate_visibility_map',
  ]),
  ...effects('dangerous', 'runs SQL text on another database', ['dblink_exec']),
  ...effects('write', 'advances or sets a sequence', ['nextval', 'setval']),
  ...effects('write', 'changes a setting', ['set_config']),
  ...effects('write', 'takes or releases an advisory lock', [
    'pg_advisory_lock',
    'pg_advisory_lock_shared',
    'pg_advisory_xact_lock',
    'pg_advisory_xact_lock_shared',
    'pg_try_advisory_lock',
    'pg_try_advisory_lock_shared',
    'pg_try_advisory_xact_lock',
    'pg_try_advisory_xact_lock_shared',
    'pg_advisory_unlock',
    'pg_advisory_unlock_shared',
    'pg_advisory_unlock_all',
  ]),
  ...effects('write', 'creates or changes a large object', [
    'lo_create',
    'lo_creat',
    'lo_put',
    'lo_from_bytea',
    'lowrite',
    'lo_truncate',
  ]),
  ...effects('write', 'runs SQL text berth cannot see', [
    'dblink',
    'dblink_connect',
    'dblink_send_query',
    'query_to_xml',
    'query_to_xml_and_xmlschema',
  ]),
  ...effects('write', 'changes server state', [
    'pg_switch_wal',
    'pg_create_restore_point',
    'pg_create_physical_replication_slot',
    'pg_create_logical_replication_slot',
    'pg_logical_slot_get_changes',
    'pg_logical_slot_get_binary_changes',
    'pg_replication_slot_advance',
    'pg_notify',
    'pg_stat_reset',
    'pg_stat_reset_shared',
    'pg_stat_reset_single_table_counters',
  ]),
]);

const MYSQL = new Map<string, FunctionEffect>([
  ...effects('dangerous', 'reads a file on the database server', ['load_file']),
  ...effects('dangerous', 'runs a program on the database server', ['sys_exec', 'sys_eval']),
  ...effects('write', 'takes or releases a named lock', ['get_lock', 'release_lock', 'release_all_locks']),
]);

const SQLITE = new Map<string, FunctionEffect>([
  ...effects('dangerous', 'loads native code into the database', ['load_extension']),
  ...effects('dangerous', 'reads, writes or edits a file on the host', ['readfile', 'writefile', 'edit']),
]);

const BY_DIALECT: Record<SqlDialect, ReadonlyMap<string, FunctionEffect>> = {
  postgres: POSTGRES,
  mysql: MYSQL,
  sqlite: SQLITE,
};

/**
 * What calling a built-in function does beyond returning a value, or undefined for a
 * function not known to have effects. Sleeping (`pg_sleep`, `SLEEP`, `BENCHMARK`) is not
 * listed: it changes nothing, and the query's deadline bounds it. A user-defined function
 * can do anything and cannot be known from the text.
 */
export function functionEffect(dialect: SqlDialect, name: string): FunctionEffect | undefined {
  return BY_DIALECT[dialect].get(name.toLowerCase());
}

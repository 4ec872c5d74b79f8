import { describe, expect, it } from 'vitest';
import { execRisk } from './db-exec-risk.js';

const base = { container: 'c0ffee'.repeat(10), mask: (t: string) => t.replaceAll('hunter2', '***') };

describe('execRisk', () => {
  it('lets writes with a WHERE and DDL that loses nothing run unconfirmed', () => {
    for (const statement of [
      "UPDATE items SET name = 'x' WHERE id = 1",
      'DELETE FROM items WHERE id = 2',
      'CREATE TABLE t (id int)',
      'INSERT INTO items VALUES (4)',
    ]) {
      expect(execRisk({ ...base, kind: 'postgres', statement }), statement).toBeUndefined();
    }
  });

  it('shows each dangerous statement, masked, bound to the container and database', () => {
    const plan = execRisk({
      ...base,
      kind: 'postgres',
      database: 'shop',
      statement: "INSERT INTO log VALUES ('hunter2'); /* hi */ DELETE FROM items",
    });
    expect(plan?.targets).toEqual([`database ${base.container} shop`]);
    expect(plan?.rows).toEqual([
      expect.objectContaining({ statement: 'DELETE FROM items', on: expect.stringContaining('shop') }),
    ]);
    const drop = execRisk({ ...base, kind: 'mysql', statement: "DROP TABLE items -- 'hunter2'" });
    expect(JSON.stringify(drop?.rows)).not.toContain('hunter2');
    expect(execRisk({ ...base, kind: 'sqlite', statement: 'TRUNCATE items' })).toBeDefined();
  });

  it('confirms every redis or mongo command, which the SQL classifier cannot read', () => {
    expect(execRisk({ ...base, kind: 'redis', statement: 'SET a 1' })?.rows[0]).toMatchObject({
      risk: 'a redis command berth cannot classify',
    });
    expect(execRisk({ ...base, kind: 'mongo', statement: '{"insert":"a"}' })).toBeDefined();
  });
});

import { describe, expect, it } from 'vitest';
import { createMasker } from './masker.js';

describe('masking what database work produces', () => {
  const password = `p'a"s$(id);x y é`;
  const masker = createMasker({ knownSecrets: [password] });

  it.each([
    ['requirepass hunter22', 'requirepass ***'],
    ['CONFIG SET requirepass "two words"', 'CONFIG SET requirepass ***'],
    ['redis-server --requirepass s3cret --port 6379', 'redis-server --requirepass *** --port 6379'],
    ['masterauth hunter22', 'masterauth ***'],
    ['postgres://app:hunter22@db:5432/app', 'postgres://app:***@db:5432/app'],
    ['mongodb://root:hunter22@127.0.0.1:27017/admin', 'mongodb://root:***@127.0.0.1:27017/admin'],
    ['mongodb+srv://root:hunter22@cluster/x', 'mongodb+srv://root:***@cluster/x'],
    ['redis://:hunter22@redis:6379/0', 'redis://:***@redis:6379/0'],
    ['mysqldump --password=hunter22 shop', 'mysqldump --password=*** shop'],
    ['REDISCLI_AUTH=hunter22', 'REDISCLI_AUTH=***'],
    ['MONGO_INITDB_ROOT_PASSWORD=hunter22', 'MONGO_INITDB_ROOT_PASSWORD=***'],
  ])('masks %s', (input, expected) => {
    expect(masker.maskText(input)).toBe(expected);
  });

  it('masks a known password full of quotes, shell syntax, blanks and non-ASCII, as is and encoded', () => {
    const out = masker.maskText(
      `MongoServerError: bad auth ${password}\n{"pwd": ${JSON.stringify(password)}}\nredis://:${encodeURIComponent(password)}@h`,
    );
    expect(out).not.toContain('$(id)');
    expect(out).not.toContain('x y');
    expect(out).toBe('MongoServerError: bad auth ***\n{"pwd": "***"}\nredis://:***@h');
  });

  it('leaves prose and other settings alone', () => {
    for (const text of ['ERR AUTH failed', 'maxmemory 100mb', 'the requirepass', 'SELECT pwd FROM t'])
      expect(masker.maskText(text)).toBe(text);
  });
});

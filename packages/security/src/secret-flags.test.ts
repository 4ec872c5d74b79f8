import { describe, expect, it } from 'vitest';
import { argvSecrets, maskArgvSecrets, maskSecretFlags } from './secret-flags.js';
import { isSecretKeyName } from './secret-key.js';

const MB = 1_000_000;
const mask = (text: string) => maskSecretFlags(text, isSecretKeyName, '***');

describe('maskSecretFlags', () => {
  it.each([
    ['app --password s3cr3t --verbose', 'app --password *** --verbose'],
    ['app --token abc123 --db-password "two words" x', 'app --token *** --db-password "***" x'],
    ['app -password gostyle', 'app -password ***'],
    ['exec_create: /tmp/mysql -uroot -pS3cret -e select', 'exec_create: /tmp/mysql -uroot -p*** -e select'],
    ['mariadb-dump -u root -prootpw db', 'mariadb-dump -u root -p*** db'],
    ['openssl enc -pass pass:hunter2', 'openssl enc -pass ***'],
  ])('masks a flag value: %s', (input, output) => {
    expect(mask(input)).toBe(output);
  });

  it.each([
    'app --password --verbose',
    'docker run -p 8080:80 -pmine nginx',
    'ssh -p2222 host',
    'app --port 5432 --user ada',
    're-token value',
    'mysql -p',
  ])('leaves the rest alone: %s', (input) => {
    expect(mask(input)).toBe(input);
  });

  it('is linear on 1 MB built against the flag and the -p rules', () => {
    for (const input of [
      '--password '.repeat(MB / 11),
      '-a-a-a'.repeat(MB / 6),
      `--password ${'"'.repeat(MB)}`,
      `--token ${' '.repeat(MB)}x`,
      `mysql ${'-p'.repeat(MB / 2)}`,
      `mysql -p${'x'.repeat(MB)}`,
      `${'mysql '.repeat(MB / 6)}-px`,
    ]) {
      expect(typeof mask(input)).toBe('string');
    }
  });
});

describe('argv', () => {
  const maskText = (text: string) => text.replaceAll('embedded', '***');

  it('masks the element after a secret flag, a glued value and mysql -p; the rest through maskText', () => {
    expect(
      maskArgvSecrets(
        [
          '/usr/bin/mysql',
          '-uroot',
          '-pS3',
          '--password',
          'two words',
          '--api-key=k1',
          'embedded',
          '--port',
          '1',
        ],
        isSecretKeyName,
        '***',
        maskText,
      ),
    ).toEqual([
      '/usr/bin/mysql',
      '-uroot',
      '-p***',
      '--password',
      '***',
      '--api-key=***',
      '***',
      '--port',
      '1',
    ]);
    expect(maskArgvSecrets(['nginx', '-p', '/etc/nginx'], isSecretKeyName, '***', maskText)).toEqual([
      'nginx',
      '-p',
      '/etc/nginx',
    ]);
  });

  it('tells the secrets an argv carries, also inside a shell line', () => {
    expect(
      argvSecrets(
        ['mysqld', '--password', 'pw1', '--token=t2', 'sh', '-c', 'app --secret "s 3" && mysql -p4'],
        isSecretKeyName,
      ),
    ).toEqual(['pw1', 't2', 's 3']);
  });
});

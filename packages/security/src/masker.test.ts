import { describe, expect, it } from 'vitest';
import { createMasker } from './masker.js';

describe('createMasker().maskText', () => {
  const masker = createMasker({ knownSecrets: ['hunter2-very-secret', 'p@ss"word'] });

  it('masks a known secret value wherever it appears, also JSON- and URL-encoded', () => {
    const text = 'login ok with hunter2-very-secret; json "p@ss\\"word"; url p%40ss%22word';
    const out = masker.maskText(text);
    expect(out).not.toContain('hunter2');
    expect(out).not.toContain('ss\\"word');
    expect(out).not.toContain('p%40ss');
    expect(out).toBe('login ok with ***; json "***"; url ***');
  });

  it.each([
    ['DB_PASSWORD=s3cr3t', 'DB_PASSWORD=***'],
    ['export GITHUB_TOKEN=ghp_abcdef', 'export GITHUB_TOKEN=***'],
    ['  - POSTGRES_PASSWORD=two words here', '  - POSTGRES_PASSWORD=***'],
    ['PGPASSWORD=x1', 'PGPASSWORD=***'],
    ['AWS_SECRET_ACCESS_KEY=abc/def', 'AWS_SECRET_ACCESS_KEY=***'],
    ['MYSQL_PWD=rootpw', 'MYSQL_PWD=***'],
    ['REDIS_AUTH=foo', 'REDIS_AUTH=***'],
    ['STRIPE_KEY=sk_live_1', 'STRIPE_KEY=***'],
    ['privateKey: abc123', 'privateKey: ***'],
    ['apiKey=abc123', 'apiKey=***'],
    ['run --db-password=abc --verbose', 'run --db-password=*** --verbose'],
    ['GET /cb?code=1&access_token=abc&x=2', 'GET /cb?code=1&access_token=***&x=2'],
  ])('masks the value of a secret-looking assignment: %s', (input, expected) => {
    expect(masker.maskText(input)).toBe(expected);
  });

  it.each([
    'PWD=/home/me',
    'GIT_AUTHOR_NAME=Ada',
    'PATH=/usr/bin:/bin',
    'key=value',
    'MONKEY=banana',
    'LANG=C.UTF-8',
    'set hostKeyPolicy: accept-new to pin it',
    'identityFile: ~/.ssh/id_ed25519',
    'knownHostsFile=/root/.ssh/known_hosts',
  ])('leaves a harmless assignment alone: %s', (input) => {
    expect(masker.maskText(input)).toBe(input);
  });

  it('masks JSON pairs and env entries inside docker inspect output', () => {
    const json = JSON.stringify(
      {
        Env: ['POSTGRES_PASSWORD=with space and "quote"', 'PGDATA=/var/lib/postgresql'],
        auth: { password: 'pw-in-json', apiKey: 12345678, user: 'ada' },
      },
      null,
      2,
    );
    const out = masker.maskText(json);
    expect(out).not.toContain('with space');
    expect(out).not.toContain('pw-in-json');
    expect(out).not.toContain('12345678');
    expect(out).toContain('PGDATA=/var/lib/postgresql');
    expect(out).toContain('"user": "ada"');
    expect(() => JSON.parse(out)).not.toThrow();
  });

  it('masks YAML pairs and HTTP headers by key', () => {
    const yaml =
      'services:\n  db:\n    environment:\n      MYSQL_ROOT_PASSWORD: "root pw"\n      MYSQL_USER: app\n';
    const out = masker.maskText(yaml);
    expect(out).toContain('MYSQL_ROOT_PASSWORD: ***');
    expect(out).toContain('MYSQL_USER: app');
    expect(masker.maskText('Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig')).toBe(
      'Authorization: ***',
    );
    expect(masker.maskText('curl -H "x" Bearer abcdefgh12345678 done')).toBe('curl -H "x" Bearer *** done');
  });

  it('masks passwords in URL userinfo, keeping user and host', () => {
    expect(masker.maskText('DATABASE=postgres://app:pa55@db:5432/app')).toBe(
      'DATABASE=postgres://app:***@db:5432/app',
    );
    expect(masker.maskText('redis://:only-pass@cache:6379/0 and mongodb+srv://u:p%2Fq@x')).toBe(
      'redis://:***@cache:6379/0 and mongodb+srv://u:***@x',
    );
    expect(masker.maskText('see https://example.com:8443/path and user@host')).toBe(
      'see https://example.com:8443/path and user@host',
    );
  });

  it('masks URL passwords holding / and @ up to the last @ of the authority', () => {
    expect(masker.maskText('DATABASE_LINK=mysql://u:pa/ss@word@db:3306/app')).toBe(
      'DATABASE_LINK=mysql://u:***@db:3306/app',
    );
    expect(masker.maskText('go to http://host:8080/login?next=a@b')).toBe(
      'go to http://host:8080/login?next=a@b',
    );
  });

  it('masks the values of secret keys and flags anywhere in a line, and credentials by format', () => {
    expect(masker.maskText('out| token: abc123')).toBe('out| token: ***');
    expect(masker.maskText('containers label=token=abc')).toBe('containers label=token=***');
    expect(masker.maskText('/tmp/mysql -uroot -pS3cr3t --password pw2 --token t3')).toBe(
      '/tmp/mysql -uroot -p*** --password *** --token ***',
    );
    expect(masker.maskText(`clone with ghp_${'a1B2'.repeat(9)} today`)).toBe('clone with ghp_*** today');
    expect(masker.maskText('ROOT_PW=x1\nGITHUB_PAT=y2\nSLACK_WEBHOOK_URL=https://h/z')).toBe(
      'ROOT_PW=***\nGITHUB_PAT=***\nSLACK_WEBHOOK_URL=***',
    );
  });

  it('masks PEM private keys', () => {
    const pem =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\nAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const out = masker.maskText(`key:\n${pem}\n`);
    expect(out).not.toContain('b3BlbnNzaC1rZXk');
    expect(out).toContain('-----BEGIN OPENSSH PRIVATE KEY-----***-----END OPENSSH PRIVATE KEY-----');
  });

  const MB = 1_000_000;
  it.each([
    ['known secrets', 'a'.repeat(MB)],
    ['URL password: scheme starts', 'a://a:'.repeat(MB / 6)],
    ['URL password: a long user', `a://${'b'.repeat(MB)}`],
    ['URL password: a long password', `a://b:${'/'.repeat(MB)}`],
    ['URL password: paths', 'a://b:c/'.repeat(MB / 8)],
    ['auth scheme: many', 'Bearer '.repeat(MB / 7)],
    ['auth scheme: blanks', `Bearer ${' '.repeat(MB)}`],
    ['line assignment: many', 'A='.repeat(MB / 2)],
    ['line assignment: indent', `${' '.repeat(MB)}A=`],
    ['JSON env entry: escaped quotes', '"a=\\"'.repeat(MB / 5)],
    ['JSON env entry: unclosed', '"a='.repeat(MB / 3)],
    ['JSON pair: unclosed', '"a": "'.repeat(MB / 6)],
    ['JSON pair: long key', `"${'a '.repeat(MB / 2)}`],
    ['line pair: many', 'a: '.repeat(MB / 3)],
    ['line pair: blanks', `password:${' '.repeat(MB)}`],
    ['line pair: dashes', `- ${'-'.repeat(MB)}`],
    ['private key: no end', '-----BEGIN PRIVATE KEY-----'.repeat(MB / 27)],
    ['keyed value: unclosed quote', `password="${'x'.repeat(MB)}`],
    ['flags: many', '--password '.repeat(MB / 11)],
    ['flags: mysql -p', `mysql ${'-p'.repeat(MB / 2)}`],
    ['token formats', 'ghp_'.repeat(MB / 4)],
  ])('finishes on 1 MB built against a rule: %s', (_rule, input) => {
    const m = createMasker({ knownSecrets: [`${'a'.repeat(100)}b`, 'abab'] });
    expect(typeof m.maskText(input)).toBe('string');
  });

  it('stays fast on hostile input built to make regexes backtrack', () => {
    const hostile = [
      'a'.repeat(200_000),
      `${'x'.repeat(100_000)}://`,
      `http://${':'.repeat(100_000)}`,
      '"password": "'.repeat(20_000),
      `PASSWORD=${'='.repeat(100_000)}`,
      `-----BEGIN PRIVATE KEY-----${'A'.repeat(100_000)}`,
      'Bearer '.repeat(30_000),
    ];
    for (const input of hostile) {
      const out = masker.maskText(input);
      expect(typeof out).toBe('string');
    }
    expect(masker.maskText(`PASSWORD=${'='.repeat(10)}`)).toBe('PASSWORD=***');
  });
});

describe('maskLines and maskArgv', () => {
  const masker = createMasker({
    knownSecrets: [
      '-----BEGIN PRIVATE KEY-----\nLearnedKeyLineOne\nLearnedKeyLineTwo\n-----END PRIVATE KEY-----',
    ],
  });

  it('masks each line, a private key spread over lines and the lines of a learned multi-line secret', () => {
    expect(
      masker.maskLines([
        'token: abc',
        '-----BEGIN RSA PRIVATE KEY-----',
        'MIIEpAIBAAKCAQEA',
        '-----END RSA PRIVATE KEY-----',
        'echoed LearnedKeyLineTwo',
      ]),
    ).toEqual([
      'token: ***',
      '-----BEGIN RSA PRIVATE KEY-----',
      '***',
      '-----END RSA PRIVATE KEY-----',
      'echoed ***',
    ]);
  });

  it('masks the secrets of an argv', () => {
    expect(masker.maskArgv(['app', '--token', 'abc', 'sh', 'FOO_PASSWORD=x'])).toEqual([
      'app',
      '--token',
      '***',
      'sh',
      'FOO_PASSWORD=***',
    ]);
  });
});

describe('maskEnv and maskValue', () => {
  const masker = createMasker({ knownSecrets: ['topsecret'], extraKeyPatterns: ['license', /^X_PRIVATE_/] });

  it('masks whole values of secret keys, known secrets inside other values, and extra patterns', () => {
    expect(
      masker.maskEnv([
        'API_TOKEN=a=b=c',
        'GREETING=the password is topsecret',
        'APP_LICENSE=ABC-123',
        'X_PRIVATE_THING=1',
        'EMPTY_PASSWORD=',
        'NOEQUALS',
        'PLAIN=value',
      ]),
    ).toEqual([
      'API_TOKEN=***',
      'GREETING=the password is ***',
      'APP_LICENSE=***',
      'X_PRIVATE_THING=***',
      'EMPTY_PASSWORD=',
      'NOEQUALS',
      'PLAIN=value',
    ]);
  });

  it('masks one value by key, or the secrets inside it', () => {
    expect(masker.maskValue('x', 'clientSecret')).toBe('***');
    expect(masker.maskValue('postgres://u:pw@h/db', 'DATABASE_URL')).toBe('postgres://u:***@h/db');
    expect(masker.maskValue('plain')).toBe('plain');
  });

  it('learns secrets later, and ignores very short ones outside key context', () => {
    const m = createMasker();
    m.addSecrets(['ab', 'learned-later']);
    expect(m.maskText('ab learned-later')).toBe('ab ***');
    expect(m.maskEnv(['SECRET=ab'])).toEqual(['SECRET=***']);
  });

  it('forks: a call learns its own secrets without teaching them to the process', () => {
    const base = createMasker({ knownSecrets: ['process-wide-secret'] });
    const call = base.fork();
    call.addSecrets(['only-this-call']);
    expect(call.maskText('process-wide-secret only-this-call')).toBe('*** ***');
    expect(base.maskText('only-this-call')).toBe('only-this-call');
    base.addSecrets(['learned-after-fork']);
    expect(call.maskText('learned-after-fork')).toBe('learned-after-fork');
  });
});

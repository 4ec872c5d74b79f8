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

  it('masks PEM private keys', () => {
    const pem =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\nAAAA\n-----END OPENSSH PRIVATE KEY-----';
    const out = masker.maskText(`key:\n${pem}\n`);
    expect(out).not.toContain('b3BlbnNzaC1rZXk');
    expect(out).toContain('-----BEGIN OPENSSH PRIVATE KEY-----***-----END OPENSSH PRIVATE KEY-----');
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

import { describe, expect, it } from 'vitest';
import { credentialSecrets, envRecord, resolveCredentials } from './credentials.js';

describe('resolveCredentials', () => {
  it('reads the official postgres env, defaulting the database to the user', () => {
    const password = `p'a"s$(x);w rd-ü`;
    const credentials = resolveCredentials('postgres', {
      containerEnv: ['POSTGRES_USER=app', `POSTGRES_PASSWORD=${password}`, 'PATH=/usr/bin'],
    });
    expect(credentials).toEqual({
      user: 'app',
      password,
      database: 'app',
      sources: { user: 'container-env', password: 'container-env', database: 'default' },
    });
    expect(credentialSecrets(credentials)).toEqual([password]);
    expect(resolveCredentials('postgres', { containerEnv: [] })).toMatchObject({
      user: 'postgres',
      database: 'postgres',
    });
  });

  it('takes each field from the first source that has it: container, compose, .env', () => {
    const credentials = resolveCredentials('postgres', {
      containerEnv: ['POSTGRES_DB=from-container', 'POSTGRES_PASSWORD='],
      composeEnv: { POSTGRES_PASSWORD: 'from-compose', POSTGRES_DB: 'ignored' },
      dotEnv: { POSTGRES_USER: 'from-dotenv', POSTGRES_PASSWORD: 'ignored' },
    });
    expect(credentials).toMatchObject({
      user: 'from-dotenv',
      password: 'from-compose',
      database: 'from-container',
      sources: { user: 'dotenv', password: 'compose', database: 'container-env' },
    });
  });

  it('prefers the mysql root account and falls back to the application account', () => {
    expect(
      resolveCredentials('mysql', {
        containerEnv: [
          'MARIADB_ROOT_PASSWORD=root-pw',
          'MARIADB_USER=app',
          'MARIADB_PASSWORD=app-pw',
          'MARIADB_DATABASE=shop',
        ],
      }),
    ).toMatchObject({ user: 'root', password: 'root-pw', database: 'shop' });
    expect(
      resolveCredentials('mysql', {
        containerEnv: ['MYSQL_USER=app', 'MYSQL_PASSWORD=app-pw', 'MYSQL_DATABASE=shop'],
      }),
    ).toMatchObject({ user: 'app', password: 'app-pw', database: 'shop' });
    expect(
      resolveCredentials('mysql', { containerEnv: ['MYSQL_ROOT_PASSWORD_FILE=/run/secrets/pw'] }),
    ).toMatchObject({
      user: 'root',
      passwordFile: '/run/secrets/pw',
    });
  });

  it('reads a sqlite database path and splits env entries at the first =', () => {
    expect(resolveCredentials('sqlite', { containerEnv: ['SQLITE_DATABASE=/data/app.db'] })).toEqual({
      database: '/data/app.db',
      sources: { database: 'container-env' },
    });
    expect(envRecord(['A=b=c', 'EMPTY=', 'NOEQUALS'])).toEqual({ A: 'b=c', EMPTY: '' });
  });
});

import { describe, expect, it } from 'vitest';
import { type DbKindClues, detectDbKind } from './db-kind.js';

const clues = (partial: Partial<DbKindClues>): DbKindClues => ({
  image: 'example/app:1',
  command: [],
  env: [],
  labels: {},
  ...partial,
});

describe('detectDbKind', () => {
  it.each([
    ['postgres:16', 'postgres'],
    ['docker.io/library/postgres:16-alpine', 'postgres'],
    ['bitnami/postgresql@sha256:abcd', 'postgres'],
    ['mariadb:11', 'mysql'],
    ['registry.local:5000/mysql:8', 'mysql'],
    ['redis/redis-stack:latest', 'redis'],
    ['valkey/valkey:8', 'redis'],
    ['mongo:7', 'mongo'],
  ] as const)('knows %s by its image', (image, kind) => {
    expect(detectDbKind(clues({ image }))).toEqual({ kind, by: 'image' });
  });

  it('falls back to the command, then to env, and a label overrides everything', () => {
    expect(
      detectDbKind(clues({ command: ['/usr/local/bin/docker-entrypoint.sh', '/usr/sbin/mariadbd'] })),
    ).toEqual({
      kind: 'mysql',
      by: 'command',
    });
    expect(detectDbKind(clues({ env: ['PATH=/bin', 'POSTGRES_PASSWORD=x'] }))).toEqual({
      kind: 'postgres',
      by: 'env',
    });
    expect(detectDbKind(clues({ image: 'postgres:16', labels: { 'berth.db.kind': 'sqlite' } }))).toEqual({
      kind: 'sqlite',
      by: 'label',
    });
    expect(detectDbKind(clues({ labels: { 'berth.db.kind': 'MariaDB' } }))?.kind).toBe('mysql');
  });

  it('does not take an app that connects to a database for the database', () => {
    expect(detectDbKind(clues({ env: ['POSTGRES_HOST=db', 'POSTGRES_PASSWORD=x'] }))).toBeUndefined();
    expect(
      detectDbKind(clues({ image: 'nginx:1', command: ['nginx', '-g', 'daemon off;'] })),
    ).toBeUndefined();
  });
});

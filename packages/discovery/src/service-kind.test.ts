import { describe, expect, it } from 'vitest';
import { serviceKind } from './service-kind.js';

describe('serviceKind', () => {
  it.each([
    [{ image: 'postgres:16' }, 'postgres'],
    [{ image: 'docker.io/bitnami/postgresql:15@sha256:abc' }, 'postgres'],
    [{ image: 'localhost:5000/timescale/timescaledb:latest-pg16' }, 'postgres'],
    [{ image: 'mysql:8' }, 'mysql'],
    [{ image: 'mariadb:11' }, 'mariadb'],
    [{ image: 'redis:7-alpine' }, 'redis'],
    [{ image: 'valkey/valkey' }, 'redis'],
    [{ image: 'mongo:7' }, 'mongo'],
    [{ image: 'nginx' }, 'web'],
    [{ image: 'ghcr.io/acme/app:1', command: ['/usr/bin/redis-server', '--port', '7000'] }, 'redis'],
    [{ image: 'acme/db', environment: { POSTGRES_PASSWORD: 'x' } }, 'postgres'],
    [{ image: 'acme/db', environment: { MARIADB_ROOT_PASSWORD: 'x' } }, 'mariadb'],
    [{ image: 'acme/app', environment: { DATABASE_URL: 'sqlite:///data/app.db' } }, 'sqlite'],
    [{ image: 'acme/app', ports: [27017] }, 'mongo'],
    [{ image: 'acme/app', ports: [8080] }, 'web'],
    [{ image: 'acme/worker' }, 'other'],
    [{}, 'other'],
  ] as const)('%j is %s', (inputs, kind) => {
    expect(serviceKind(inputs)).toBe(kind);
  });

  it('trusts the image over weaker signs', () => {
    expect(serviceKind({ image: 'redis:7', environment: { POSTGRES_PASSWORD: 'x' }, ports: [5432] })).toBe(
      'redis',
    );
  });
});

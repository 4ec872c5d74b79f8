// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose's ${VAR} syntax is what these tests feed the parser.
import { describe, expect, it } from 'vitest';
import { cleanEnv, fixtureTree } from './fixture-tree.test-support.js';
import { loadComposeProject } from './load-compose-project.js';

describe('loadComposeProject', () => {
  it('interpolates from .env and the environment (the environment wins), and resolves env_file and environment', async () => {
    using tree = fixtureTree({
      'app/compose.yaml': [
        'services:',
        '  db:',
        '    image: "postgres:${PG_TAG:-16}"',
        '    env_file: [db.env, {path: optional.env, required: false}]',
        '    environment:',
        '      POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD in .env}',
        '      FROM_HOST:',
        '      UNRESOLVED:',
        '      LITERAL: "a$$b"',
        '    ports: ["127.0.0.1:${DB_PORT-5432}:5432"]',
        '    volumes: ["pgdata:/var/lib/postgresql/data", "./init:/docker-entrypoint-initdb.d:ro"]',
        'volumes:',
        '  pgdata: {}',
      ].join('\n'),
      'app/.env': 'PG_TAG=15\nDB_PASSWORD="s3cret pass"\nDB_PORT=15432\nFROM_HOST=from-dotenv\n',
      'app/db.env':
        'POSTGRES_USER=app\nPOSTGRES_PASSWORD=overridden-by-environment\nPOSTGRES_DB=${PG_TAG}db\n',
    });
    const project = await loadComposeProject({
      cwd: tree.path('app'),
      env: cleanEnv({ DB_PORT: '25432', FROM_HOST: 'host' }),
    });
    expect(project).toMatchObject({ name: 'app', nameSource: 'directory', workingDir: tree.path('app') });
    expect(project.dotEnvFile).toBe(tree.path('app/.env'));
    expect(project.dotEnv.DB_PASSWORD).toBe('s3cret pass');
    const [db] = project.services;
    expect(db).toMatchObject({
      name: 'db',
      image: 'postgres:15',
      kind: 'postgres',
      environment: {
        POSTGRES_USER: 'app',
        POSTGRES_PASSWORD: 's3cret pass',
        POSTGRES_DB: '15db',
        FROM_HOST: 'host',
        LITERAL: 'a$b',
      },
      envFiles: [tree.path('app/db.env'), tree.path('app/optional.env')],
      ports: [{ target: 5432, published: '25432', hostIp: '127.0.0.1', protocol: 'tcp' }],
      volumes: [
        { type: 'volume', source: 'pgdata', target: '/var/lib/postgresql/data', readOnly: false },
        {
          type: 'bind',
          source: tree.path('app/init'),
          target: '/docker-entrypoint-initdb.d',
          readOnly: true,
        },
      ],
    });
    // A variable without a value anywhere is absent from the resolved environment, null in the model.
    expect(db?.environment).not.toHaveProperty('UNRESOLVED');
    expect(project.model.services.db?.environment).toMatchObject({ UNRESOLVED: null });
    expect(project.volumes).toEqual([{ key: 'pgdata', name: 'app_pgdata', external: false }]);
  });

  it('fails when a ${VAR:?err} variable is unset, naming the variable, the path and the file', async () => {
    using tree = fixtureTree({
      'compose.yml': 'services:\n  db:\n    image: x\n    environment:\n      P: ${DB_PASSWORD:?set it}\n',
    });
    const error = await loadComposeProject({ cwd: tree.root, env: cleanEnv() }).catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'INVALID_CONFIG',
      data: { variable: 'DB_PASSWORD', file: tree.path('compose.yml'), path: 'services.db.environment.P' },
    });
  });

  it('merges an override file the way compose does', async () => {
    using tree = fixtureTree({
      'compose.yaml': [
        'services:',
        '  web:',
        '    image: web:1',
        '    command: ["serve", "--port", "80"]',
        '    ports: ["8080:80"]',
        '    environment: {A: "1", B: "1"}',
        '    volumes: ["data:/data", "./conf:/conf:ro"]',
        '    labels: [tier=front]',
        'volumes: {data: {}}',
      ].join('\n'),
      'compose.override.yaml': [
        'services:',
        '  web:',
        '    image: web:2',
        '    command: serve --debug',
        '    ports: ["8080:80", "9229:9229"]',
        '    environment: [B=2, C=3]',
        '    volumes: ["./local-conf:/conf"]',
        '    labels: {owner: me}',
        '  worker:',
        '    build: ./worker',
      ].join('\n'),
    });
    const project = await loadComposeProject({ cwd: tree.root, env: cleanEnv() });
    expect(project.files).toEqual([tree.path('compose.yaml'), tree.path('compose.override.yaml')]);
    const web = project.services.find((s) => s.name === 'web');
    expect(web).toMatchObject({
      image: 'web:2',
      command: ['serve', '--debug'],
      environment: { A: '1', B: '2', C: '3' },
      labels: { tier: 'front', owner: 'me' },
      volumes: [
        { type: 'volume', source: 'data', target: '/data' },
        { type: 'bind', source: tree.path('local-conf'), target: '/conf', readOnly: false },
      ],
    });
    expect(web?.ports.map((p) => `${p.published}:${p.target}`)).toEqual(['8080:80', '9229:9229']);
    expect(project.services.find((s) => s.name === 'worker')?.build).toEqual({
      context: tree.path('worker'),
      dockerfile: 'Dockerfile',
    });
  });

  it('resolves extends in the same file and in another file, whose paths stay relative to it', async () => {
    using tree = fixtureTree({
      'compose.yaml': [
        'services:',
        '  base:',
        '    image: app:1',
        '    environment: {LEVEL: base, KEEP: yes}',
        '  api:',
        '    extends: base',
        '    environment: {LEVEL: api}',
        '  job:',
        '    extends: {file: shared/common.yml, service: runner}',
        '    command: ["run", "job"]',
      ].join('\n'),
      'shared/common.yml':
        'services:\n  runner:\n    image: runner:2\n    volumes: ["./scripts:/scripts"]\n    command: idle\n',
    });
    const project = await loadComposeProject({ cwd: tree.root, env: cleanEnv() });
    const byName = Object.fromEntries(project.services.map((s) => [s.name, s]));
    expect(byName.api).toMatchObject({ image: 'app:1', environment: { LEVEL: 'api', KEEP: 'yes' } });
    expect(byName.job).toMatchObject({
      image: 'runner:2',
      command: ['run', 'job'],
      volumes: [{ type: 'bind', source: tree.path('shared/scripts'), target: '/scripts' }],
    });
  });

  it('refuses an extends cycle with the chain in the message', async () => {
    using tree = fixtureTree({
      'compose.yaml': 'services:\n  a:\n    image: x\n    extends: b\n  b:\n    image: x\n    extends: a\n',
    });
    await expect(loadComposeProject({ cwd: tree.root, env: cleanEnv() })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      message: expect.stringMatching(/extends cycle/),
    });
  });

  it('includes other projects, with paths relative to the included file', async () => {
    using tree = fixtureTree({
      'compose.yaml':
        'include:\n  - db/compose.yaml\nservices:\n  web:\n    image: web\n    depends_on: [db]\n',
      'db/compose.yaml': 'services:\n  db:\n    image: mariadb:11\n    volumes: ["./data:/var/lib/mysql"]\n',
    });
    const project = await loadComposeProject({ cwd: tree.root, env: cleanEnv() });
    expect(project.services.map((s) => [s.name, s.kind])).toEqual([
      ['db', 'mariadb'],
      ['web', 'other'],
    ]);
    expect(project.services[0]?.volumes[0]?.source).toBe(tree.path('db/data'));
    expect(project.services[1]?.dependsOn).toEqual(['db']);
  });

  it('refuses an included service that the including file defines too', async () => {
    using tree = fixtureTree({
      'compose.yaml': 'include: [other.yaml]\nservices:\n  web:\n    image: a\n',
      'other.yaml': 'services:\n  web:\n    image: b\n',
    });
    await expect(loadComposeProject({ cwd: tree.root, env: cleanEnv() })).rejects.toMatchObject({
      code: 'INVALID_CONFIG',
      data: { path: 'services.web' },
    });
  });

  describe('project name', () => {
    const files = { 'My Project.Dir/compose.yaml': 'services:\n  a:\n    image: x\n' };

    it('comes from the directory, normalised the way compose normalises it', async () => {
      using tree = fixtureTree(files);
      const project = await loadComposeProject({ cwd: tree.path('My Project.Dir'), env: cleanEnv() });
      expect(project).toMatchObject({ name: 'myprojectdir', nameSource: 'directory' });
      expect(project.model.name).toBe('myprojectdir');
    });

    it('follows compose precedence: -p, COMPOSE_PROJECT_NAME, .env, then the top-level name', async () => {
      using tree = fixtureTree({
        'p/compose.yaml': 'name: from-file\nservices:\n  a:\n    image: x\n',
        'p/.env': 'COMPOSE_PROJECT_NAME=from-dotenv\n',
      });
      const load = (extra: object) => loadComposeProject({ cwd: tree.path('p'), env: cleanEnv(), ...extra });
      expect(
        await load({ projectName: 'from-option', env: cleanEnv({ COMPOSE_PROJECT_NAME: 'from-env' }) }),
      ).toMatchObject({
        name: 'from-option',
        nameSource: 'option',
      });
      expect(await load({ env: cleanEnv({ COMPOSE_PROJECT_NAME: 'from-env' }) })).toMatchObject({
        name: 'from-env',
        nameSource: 'env',
      });
      expect(await load({})).toMatchObject({ name: 'from-dotenv', nameSource: 'dotenv' });
    });

    it('takes the top-level name, interpolated, and refuses an invalid explicit name', async () => {
      using tree = fixtureTree({
        'compose.yaml': 'name: shop-${STAGE:-dev}\nservices:\n  a:\n    image: x\n',
      });
      expect(await loadComposeProject({ cwd: tree.root, env: cleanEnv() })).toMatchObject({
        name: 'shop-dev',
        nameSource: 'file',
      });
      await expect(
        loadComposeProject({ cwd: tree.root, env: cleanEnv(), projectName: 'Bad Name' }),
      ).rejects.toMatchObject({
        code: 'INVALID',
      });
    });
  });

  describe('errors name the file and the dot path', () => {
    it.each([
      [
        'services:\n  web:\n    image: x\n    ports: ["80", "99999:80"]\n',
        'services.web.ports[1]',
        /invalid port "99999"/,
      ],
      [
        'services:\n  web:\n    image: x\n    volumes: ["a:b:c:d"]\n',
        'services.web.volumes[0]',
        /invalid volume/,
      ],
      ['services:\n  web:\n    environment: {A: 1}\n', 'services.web', /needs an image or a build/],
      [
        'services:\n  web:\n    image: x\n    environment: [ "=x" ]\n',
        'services.web.environment[0]',
        /KEY=value/,
      ],
    ])('%#', async (text, path, message) => {
      using tree = fixtureTree({ 'compose.yaml': text });
      const error = await loadComposeProject({ cwd: tree.root, env: cleanEnv() }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'INVALID_CONFIG',
        data: { path, file: tree.path('compose.yaml') },
      });
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain(path);
    });

    it('reports YAML syntax errors with line and column', async () => {
      using tree = fixtureTree({ 'compose.yaml': 'services:\n  web:\n    image: [unclosed\n' });
      const error = await loadComposeProject({ cwd: tree.root, env: cleanEnv() }).catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: 'INVALID_YAML',
        data: { file: tree.path('compose.yaml'), line: expect.any(Number) },
      });
    });

    it('refuses duplicate keys', async () => {
      using tree = fixtureTree({ 'compose.yaml': 'services:\n  web:\n    image: a\n    image: b\n' });
      await expect(loadComposeProject({ cwd: tree.root, env: cleanEnv() })).rejects.toMatchObject({
        code: 'INVALID_YAML',
      });
    });
  });
});

describe('cancellation', () => {
  it('stops with CANCELLED when the signal has fired', async () => {
    using tree = fixtureTree({ 'compose.yaml': 'services:\n  a:\n    image: x\n' });
    const error = await loadComposeProject({
      cwd: tree.root,
      env: cleanEnv(),
      signal: AbortSignal.abort(),
    }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CANCELLED' });
  });
});

describe('profiles', () => {
  const files = {
    'compose.yaml': 'services:\n  app:\n    image: a\n  debug:\n    image: d\n    profiles: [debug, dev]\n',
  };

  it('leaves out services of no active profile, naming them, and takes profiles from the option, COMPOSE_PROFILES or *', async () => {
    using tree = fixtureTree(files);
    const load = (extra: object) => loadComposeProject({ cwd: tree.root, env: cleanEnv(), ...extra });
    const none = await load({});
    expect(none.services.map((s) => s.name)).toEqual(['app']);
    expect(none.inactiveServices).toEqual(['debug']);
    expect(Object.keys(none.model.services)).toEqual(['app']);
    expect((await load({ env: cleanEnv({ COMPOSE_PROFILES: 'x, dev' }) })).inactiveServices).toEqual([]);
    expect((await load({ profiles: ['*'] })).services.map((s) => s.name)).toEqual(['app', 'debug']);
  });
});

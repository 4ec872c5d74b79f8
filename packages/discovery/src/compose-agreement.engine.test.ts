// biome-ignore-all lint/suspicious/noTemplateCurlyInString: compose's ${VAR} syntax is what these tests feed both parsers.
import { engineSuite, ensureImage, runCommand, testLabels, trixieHostImage } from '@berth/testkit';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { at } from './compose-shape.js';
import { fixtureTree } from './fixture-tree.test-support.js';
import { loadComposeProject } from './load-compose-project.js';
import { splitCommand } from './normalize-service.js';
import { normalizePorts } from './service-ports.js';
import { normalizeVolumes } from './service-volumes.js';

/*
 * berth's parser against the real binaries: Compose v1 (`docker-compose` 1.29 on this
 * machine) and Compose v2 (2.26, `docker-compose config --format json` in a container of
 * the trixie fixture image, the tree mounted read-only at the same absolute path, so
 * absolute paths agree). What is normalised before comparing, and why:
 * - `$$` -> `$` in every string of the binaries' output: compose escapes a literal dollar
 *   so its output can be read back; berth's model holds the value the container gets.
 * - v2: `command: null` / `entrypoint: null` dropped, and the default network's empty
 *   `ipam: {}`: v2 prints unset keys and empty defaults.
 * - v1 prints ports and volumes partly in short syntax and `command` as a string: they are
 *   put in long syntax / argv by the same functions on both sides, so values are compared,
 *   not spelling. v1 has no top-level `name`, no default network and no `required` on
 *   depends_on, so those are left out of berth's side for v1; top-level volumes are
 *   compared by key (v1 prints no engine names).
 */

type Json = Record<string, unknown>;

const unescapeDollars = (value: unknown): unknown => {
  if (typeof value === 'string') return value.replaceAll('$$', '$');
  if (Array.isArray(value)) return value.map(unescapeDollars);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unescapeDollars(v)]));
  }
  return value;
};

function normalizeV2(output: Json): Json {
  const model = unescapeDollars(output) as Json;
  for (const service of Object.values(model.services as Record<string, Json>)) {
    for (const key of ['command', 'entrypoint']) if (service[key] === null) delete service[key];
  }
  for (const network of Object.values((model.networks ?? {}) as Record<string, Json>)) {
    if (JSON.stringify(network.ipam) === '{}') delete network.ipam;
  }
  return model;
}

function v1Services(output: Json, baseDir: string): Record<string, Json> {
  const services = (unescapeDollars(output) as Json).services as Record<string, Json>;
  const where = { file: 'v1', path: 'services' };
  for (const [name, s] of Object.entries(services)) {
    if (s.ports) s.ports = normalizePorts(s.ports, at(where, name));
    if (s.volumes) s.volumes = normalizeVolumes(s.volumes, at(where, name), { baseDir, home: '/' });
    if (typeof s.command === 'string') s.command = splitCommand(s.command);
  }
  return services;
}

function berthForV1(model: Json): Record<string, Json> {
  const services = structuredClone(model.services) as Record<string, Json>;
  for (const s of Object.values(services)) {
    if (JSON.stringify(s.networks) === '{"default":null}') delete s.networks;
    for (const dep of Object.values((s.depends_on ?? {}) as Record<string, Json>)) delete dep.required;
    const build = s.build as Json | undefined;
    if (build?.dockerfile === 'Dockerfile') delete build.dockerfile;
  }
  return services;
}

interface Case {
  name: string;
  files: Record<string, string>;
  /** Where compose runs, relative to the tree. */
  cwd?: string;
  env?: Record<string, string>;
  /** Compose v1 does not know this feature. */
  v2Only?: boolean;
}

const CASES: Case[] = [
  {
    name: 'interpolation, .env, env_file and short syntax',
    env: { FROM_HOST: 'host-value', TAG: 'from-env' },
    files: {
      'compose.yml': [
        'services:',
        '  web:',
        '    image: "nginx:${TAG:-1.25}"',
        '    command: npm start --port "3000"',
        '    ports: ["8080:80", "127.0.0.1:9000:9000/udp", "3000", "127.0.0.1::5000"]',
        '    environment: [A=1, FROM_HOST, "PASS=${DB_PASS}", "PRICE=$$5", "D=${UNSET-dflt}", "E=${EMPTY:-dflt}"]',
        '    env_file: web.env',
        '    volumes: ["data:/data", "./src:/app:ro", "/var/cache"]',
        '    depends_on: [db]',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      POSTGRES_PASSWORD: ${DB_PASS:?needed}',
        '    volumes: [{type: volume, source: pg, target: /var/lib/postgresql/data}]',
        'volumes:',
        '  data: {}',
        '  pg: {}',
      ].join('\n'),
      '.env': '# settings\nTAG=1.27\nexport DB_PASS="s3cr et"\nEMPTY=\n',
      'web.env': 'W=1\nA=from-file\nQUOTED="x y"\n',
    },
  },
  {
    name: 'override file and extends from another file',
    files: {
      'docker-compose.yml': [
        'services:',
        '  api:',
        '    extends: {file: common/base.yml, service: app}',
        '    environment: {ROLE: api}',
        '    ports: ["8000:8000"]',
        '  worker:',
        '    extends: api',
        '    command: ["worker", "--queue", "default"]',
      ].join('\n'),
      'docker-compose.override.yml': [
        'services:',
        '  api:',
        '    environment: {DEBUG: "1"}',
        '    ports: ["9229:9229"]',
        '    volumes: ["./src:/srv/app"]',
      ].join('\n'),
      'common/base.yml':
        'services:\n  app:\n    image: app:1\n    environment: {ROLE: base, LEVEL: info}\n    volumes: ["./data:/data"]\n',
    },
  },
  {
    name: 'COMPOSE_FILE with a separator, run from a subdirectory',
    cwd: 'deploy',
    env: { COMPOSE_FILE: '../stack/base.yml;../stack/prod.yml', COMPOSE_PATH_SEPARATOR: ';' },
    files: {
      'deploy/.keep': '',
      'stack/cache/Dockerfile': 'FROM scratch\n',
      'stack/base.yml': 'services:\n  cache:\n    image: redis:7\n    build: ./cache\n',
      'stack/prod.yml': 'services:\n  cache:\n    image: redis:7.2\n    ports: ["127.0.0.1:6379:6379"]\n',
    },
  },
  {
    name: 'include, top-level name and a project name from .env',
    v2Only: true,
    files: {
      'compose.yaml':
        'name: shop\ninclude: [db/compose.yaml]\nservices:\n  web:\n    image: web:1\n    depends_on: [db]\n',
      'db/compose.yaml': 'services:\n  db:\n    image: mariadb:11\n    volumes: ["./data:/var/lib/mysql"]\n',
      '.env': 'COMPOSE_PROJECT_NAME=from-dotenv\n',
    },
  },
  {
    // Compose v1's `config` prints every service whatever its profiles; v2 only active ones.
    name: 'profiles: a service of no active profile is left out',
    v2Only: true,
    files: {
      'compose.yaml':
        'services:\n  app:\n    image: app\n  debug:\n    image: tools\n    profiles: [debug]\n',
    },
  },
  {
    name: 'profiles: COMPOSE_PROFILES activates a service',
    env: { COMPOSE_PROFILES: 'debug' },
    files: {
      'compose.yaml':
        'services:\n  app:\n    image: app\n  debug:\n    image: tools\n    profiles: [debug]\n',
    },
  },
];

engineSuite('discovery agrees with `compose config`', () => {
  let trixie: string;

  beforeAll(async () => {
    trixie = (await ensureImage(trixieHostImage)).tag;
  });

  async function v1Config(cwd: string, env: Record<string, string>): Promise<Json> {
    const result = await runCommand(['docker-compose', 'config'], { cwd, env, timeoutMs: 60_000 });
    return parseYaml(result.stdout) as Json;
  }

  async function v2Config(root: string, cwd: string, env: Record<string, string>, check = true) {
    const envArgs = Object.entries(env).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
    const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['--label', `${k}=${v}`]);
    return runCommand(
      [
        'docker',
        'run',
        '--rm',
        '--network',
        'none',
        ...labels,
        '-v',
        `${root}:${root}:ro`,
        '-w',
        cwd,
        ...envArgs,
        '--entrypoint',
        'docker-compose',
        trixie,
        'config',
        '--format',
        'json',
      ],
      { timeoutMs: 60_000, check },
    );
  }

  describe.each(CASES)('$name', (c) => {
    it('matches Compose v2 and Compose v1', async () => {
      using tree = fixtureTree(c.files);
      const cwd = tree.path(c.cwd ?? '.');
      const env = c.env ?? {};
      const ours = await loadComposeProject({ cwd, env: { HOME: '/root', ...env } });

      const v2 = normalizeV2(JSON.parse((await v2Config(tree.root, cwd, env)).stdout) as Json);
      expect(ours.model).toEqual(v2);

      if (c.v2Only) return;
      const v1 = await v1Config(cwd, env);
      expect(berthForV1(ours.model)).toEqual(v1Services(v1, ours.workingDir));
      expect(Object.keys((v1.volumes ?? {}) as Json).sort()).toEqual(ours.volumes.map((v) => v.key).sort());
    });
  });

  it('fails where both binaries fail: a ${VAR:?err} variable without a value', async () => {
    using tree = fixtureTree({
      'compose.yaml': 'services:\n  db:\n    image: "pg:${PG_VERSION:?set PG_VERSION}"\n',
    });
    const ours = await loadComposeProject({ cwd: tree.root, env: {} }).catch((e: unknown) => e);
    expect(ours).toMatchObject({ code: 'INVALID_CONFIG', data: { variable: 'PG_VERSION' } });
    const v2 = await v2Config(tree.root, tree.root, {}, false);
    expect(v2.exitCode).not.toBe(0);
    expect(v2.stderr).toContain('PG_VERSION');
    const v1 = await runCommand(['docker-compose', 'config'], {
      cwd: tree.root,
      timeoutMs: 60_000,
      check: false,
    });
    expect(v1.exitCode).not.toBe(0);
    expect(v1.stderr).toContain('PG_VERSION');
  });
});

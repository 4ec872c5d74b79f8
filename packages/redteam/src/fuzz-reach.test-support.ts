import fc from 'fast-check';
import type { FuzzBed } from './fuzz-bed.test-support.js';
import { profileValues } from './fuzz-profile-values.test-support.js';
import type { ReachValues } from './fuzz-property-values.test-support.js';

/** The schema type each entry of the table below is for. */
const TYPES: Record<string, string> = {
  id: 'string',
  container: 'string',
  network: 'string',
  image: 'string',
  name: 'string',
  label: 'array',
  since: 'string',
  until: 'string',
  signal: 'string',
  argv: 'array',
  cmd: 'array',
  env: 'object',
  labels: 'object',
  ports: 'array',
  volumes: 'array',
  restart: 'string',
  user: 'string',
  workdir: 'string',
  fields: 'array',
  grace: 'integer',
  timeout: 'integer',
  tail: 'integer',
  limit: 'integer',
  max_bytes: 'integer',
  port: 'integer',
  aliases: 'string',
  cursor: 'string',
};

const ago = (ms: number) => new Date(Date.now() - ms).toISOString();

/**
 * Valid values that reach real objects, by property name: the fuzz's fixtures on both
 * engines, its images, its profiles, times around now, harmless argv. A property without
 * an entry gets valid values generated from its schema type alone.
 */
export function reachValues(bed: FuzzBed): ReachValues {
  const { containers, network, volume } = bed.names;
  const ids = [...bed.local.map((c) => c.id), ...bed.remoteContainerIds].flatMap((id) => [
    id,
    id.slice(0, 12),
  ]);
  const container = fc.constantFrom(...containers, ...ids);
  const argv = fc.constantFrom(
    ['echo', 'hi'],
    ['ls', '/'],
    ['id'],
    ['cat', '/etc/hostname'],
    ['uname', '-a'],
    ['cat'],
  );
  const since = fc.constantFrom(
    '10m',
    '2h',
    '1s',
    '0',
    ago(60_000),
    String(Math.floor(Date.now() / 1000) - 60),
  );
  const oneHost = fc.constantFrom('local', 'remote');
  const hosts = fc.oneof(
    { weight: 6, arbitrary: oneHost },
    { weight: 1, arbitrary: fc.constantFrom('*', 'local,remote', 'remote,local') },
    { weight: 1, arbitrary: fc.constant(['local', 'remote']) },
  );
  const table: Record<string, fc.Arbitrary<unknown>> = {
    id: fc.oneof(
      { weight: 4, arbitrary: container },
      { weight: 1, arbitrary: fc.constantFrom(network, volume, ...bed.images) },
    ),
    container,
    network: fc.constantFrom(network, 'bridge', 'none', 'host'),
    image: fc.constantFrom(
      ...bed.images,
      'berth-fixture/busybox',
      ...bed.imageIds.map((id) => id.slice(7, 19)),
    ),
    name: fc.oneof(
      fc.constantFrom(...containers, network, volume),
      fc.stringMatching(/^berth-fuzz-made-[a-z0-9]{1,8}$/),
    ),
    label: fc.array(
      fc.constantFrom(
        'berth.fuzz.fixture',
        `berth.fuzz.fixture=${bed.run}`,
        'berth.test',
        'berth.created',
        'a=b=c',
      ),
      { minLength: 1, maxLength: 2 },
    ),
    since,
    until: fc.oneof(since, fc.constantFrom(new Date(Date.now() + 5_000).toISOString(), '1s')),
    signal: fc.constantFrom('SIGTERM', 'SIGHUP', 'SIGUSR1', 'SIGCONT', 'SIGWINCH', 'TERM', '15', '0'),
    argv,
    cmd: argv,
    env: fc.dictionary(
      fc.constantFrom('A', 'API_TOKEN', 'DB_PASSWORD', 'LANG'),
      fc.string({ maxLength: 12 }),
      {
        maxKeys: 3,
      },
    ),
    labels: fc.dictionary(fc.constantFrom('app', 'tier', 'com.example.x'), fc.string({ maxLength: 8 }), {
      maxKeys: 2,
    }),
    ports: fc.array(fc.constantFrom('80', '8080/udp', '127.0.0.1::443'), { minLength: 1, maxLength: 2 }),
    // Mostly the fuzz's volume; a host bind now and then (refused or confirmed: never silent).
    volumes: fc.array(
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(`${volume}:/data`, `${volume}:/ro:ro`) },
        { weight: 1, arbitrary: fc.constantFrom('/tmp:/host-tmp:ro', '/:/host', '/var/run/docker.sock:/s') },
      ),
      { minLength: 1, maxLength: 2 },
    ),
    restart: fc.constantFrom('no', 'on-failure:1', 'unless-stopped', 'always'),
    user: fc.constantFrom('root', '0', 'nobody', '65534:65534'),
    workdir: fc.constantFrom('/', '/tmp', '/data'),
    fields: fc.subarray(['name', 'id', 'state', 'image', 'status', 'created', 'host'], { minLength: 1 }),
    grace: fc.integer({ min: 0, max: 3 }),
    timeout: fc.integer({ min: 1, max: 10 }),
    tail: fc.integer({ min: 0, max: 200 }),
    limit: fc.integer({ min: 1, max: 50 }),
    max_bytes: fc.integer({ min: 1, max: 20_000 }),
    port: fc.integer({ min: 1, max: 65_535 }),
    aliases: fc.constantFrom('*', 'plain', 'plain,flag', 'evil-*'),
    profile: profileValues(bed.canaries),
  };
  // A valid cursor comes only from an answer: a valid call leaves it out.
  table.cursor = fc.constant(undefined);
  const profileNames = fc.oneof(
    fc.constantFrom('local', 'remote', 'spare'),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/),
  );
  return (tool, property, schema) => {
    if (property === 'host') return tool === 'read' ? hosts : oneHost;
    if (tool === 'host_config' && property === 'name') return profileNames;
    // One name may mean another type in another tool (`volumes`: mounts to create, a switch to remove).
    const values = table[property];
    return values && (schema.type === undefined || TYPES[property] === schema.type) ? values : undefined;
  };
}

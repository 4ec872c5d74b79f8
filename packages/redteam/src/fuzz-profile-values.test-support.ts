import fc from 'fast-check';
import type { FuzzCanaries } from './fuzz-payloads.test-support.js';
import { pollution, SPECIAL_KEYS, withOwnKeys, wrongType } from './fuzz-values.test-support.js';

const KEYS = [
  'type',
  'host',
  'port',
  'user',
  'identityFile',
  'knownHostsFile',
  'socketPath',
  'hostKeyPolicy',
  'readOnly',
  'confirm',
  'allowHostAccess',
  'bindRoots',
  'timeoutMs',
  'description',
  'tags',
];

/** Values that would loosen a profile: host_config must refuse each of them. */
const LOOSENING: [string, unknown][] = [
  ['readOnly', false],
  ['hostKeyPolicy', 'insecure-ignore'],
  ['hostKeyPolicy', 'accept-new'],
  ['confirm', false],
  ['allowHostAccess', true],
  ['bindRoots', ['/']],
  ['knownHostsFile', '/dev/zero'],
  ['identityFile', '/etc/shadow'],
  ['socketPath', '/dev/zero'],
];

/**
 * `profile` of host_config: whole, tight profiles (ssh, local, tcp) and patches that
 * tighten, so adds and edits get written; the same with one field bent (a payload, a
 * wrong type, a loosening value, a polluting key); and profiles of anything at all.
 */
export function profileValues(canaries: FuzzCanaries): fc.Arbitrary<unknown> {
  const port = fc.integer({ min: 1, max: 65_535 });
  const description = fc.string({ maxLength: 40 });
  const tags = fc.array(fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/), { maxLength: 3 });
  const tight = fc.oneof(
    fc.record(
      {
        type: fc.constant('ssh'),
        host: fc.constantFrom('127.0.0.1', 'localhost'),
        port,
        user: fc.constantFrom('root', 'berth'),
        identityFile: fc.constantFrom('~/.ssh/id_ed25519', '~/.ssh/id_rsa'),
        hostKeyPolicy: fc.constant('strict'),
        readOnly: fc.constant(true),
        description,
        tags,
      },
      { requiredKeys: ['type', 'host', 'user'] },
    ),
    fc.record(
      { type: fc.constant('local'), readOnly: fc.constant(true), description, timeoutMs: fc.nat(60_000) },
      { requiredKeys: ['type'] },
    ),
    fc.record(
      { type: fc.constant('tcp'), host: fc.constant('127.0.0.1'), port, readOnly: fc.constant(true) },
      { requiredKeys: ['type', 'host'] },
    ),
    fc.record(
      { readOnly: fc.constant(true), description, tags, timeoutMs: fc.nat(60_000), port },
      { requiredKeys: [] },
    ),
  );
  const bent: fc.Arbitrary<[string, unknown]> = fc.oneof(
    fc
      .constantFrom(...KEYS)
      .chain((key) =>
        fc.tuple(
          fc.constant(key),
          fc.oneof(fc.constantFrom(...canaries.payloads(`profile_${key}`)), wrongType),
        ),
      ),
    fc.constantFrom(...LOOSENING),
    fc.tuple(fc.constantFrom(...SPECIAL_KEYS), pollution),
  );
  const anything = fc.dictionary(
    fc.constantFrom(...KEYS),
    fc.oneof(wrongType, fc.constantFrom(...canaries.payloads('profile_any'))),
    { maxKeys: 6 },
  );
  return fc.oneof(
    { weight: 3, arbitrary: tight },
    { weight: 3, arbitrary: fc.tuple(tight, bent).map(([p, entry]) => withOwnKeys(p, [entry])) },
    { weight: 1, arbitrary: anything },
  );
}

import { describe, expect, it } from 'vitest';
import { applyPatch, refuseLooseNew, refuseLoosening } from './profile-leash.js';

const pathOf = (v: string) => (v.startsWith('~/') ? `/home/u/${v.slice(2)}` : v);
const ssh = {
  type: 'ssh',
  host: 'h',
  user: 'u',
  readOnly: true,
  confirm: true,
  allowHostAccess: false,
  bindRoots: ['/srv'],
  hostKeyPolicy: 'strict',
  knownHostsFile: '/home/u/.ssh/kh',
  identityFile: '/home/u/.ssh/id',
  agent: false,
};
const tcp = { type: 'tcp', host: 'h', port: 2376, tls: { ca: '/ca.pem', verify: true }, confirm: false };

const edit = (current: Record<string, unknown>, patch: Record<string, unknown>) => () =>
  refuseLoosening('p', current, applyPatch(current, patch), pathOf);

describe('refuseLoosening', () => {
  it.each([
    [{ readOnly: false }, /readOnly true stays true/],
    [{ readOnly: null }, /readOnly/],
    [{ confirm: false }, /confirm/],
    [{ allowHostAccess: true }, /allowHostAccess/],
    [{ bindRoots: ['/'] }, /bindRoots may only shrink \(now: \/srv\)/],
    [{ bindRoots: ['/srv/../etc'] }, /bindRoots/],
    [{ hostKeyPolicy: 'accept-new' }, /hostKeyPolicy strict cannot become weaker/],
    [{ hostKeyPolicy: 'bogus' }, /hostKeyPolicy/],
    [{ knownHostsFile: null }, /knownHostsFile cannot change/],
    [{ knownHostsFile: '/tmp/kh' }, /knownHostsFile/],
    [{ identityFile: '/tmp/id' }, /identityFile/],
    [{ agent: true }, /agent/],
    [{ type: 'tcp' }, /type ssh cannot change/],
  ])('refuses %j on a tight ssh profile', (patch, message) => {
    expect(edit(ssh, patch)).toThrow(message);
  });

  it('lets an edit tighten, repeat a value, or touch other fields', () => {
    for (const patch of [
      { readOnly: true },
      { bindRoots: ['/srv/app'] },
      { bindRoots: null },
      { knownHostsFile: '~/.ssh/kh' },
      { description: 'x', host: 'other' },
    ]) {
      expect(edit(ssh, patch), JSON.stringify(patch)).not.toThrow();
    }
    const open = { ...ssh, readOnly: false, confirm: false, hostKeyPolicy: 'accept-new' };
    expect(edit(open, { readOnly: true, confirm: true, hostKeyPolicy: 'strict' })).not.toThrow();
  });

  it.each([
    [{ tls: null }, /tls cannot be removed/],
    [{ tls: { verify: false } }, /tls.verify stays true/],
    [{ tls: { ca: '/other.pem' } }, /tls.ca cannot change/],
    [{ tls: { verify: null, ca: null } }, /tls.ca/],
  ])('refuses %j on a verified tcp profile', (patch, message) => {
    expect(edit(tcp, patch)).toThrow(message);
  });

  it('merges tls per field, and null puts a field back to its default', () => {
    expect(applyPatch(tcp, { tls: { cert: '/c.pem' }, confirm: null })).toEqual({
      ...tcp,
      tls: { ca: '/ca.pem', verify: true, cert: '/c.pem' },
      confirm: true,
    });
  });
});

describe('refuseLooseNew', () => {
  it.each([
    [{ hostKeyPolicy: 'insecure-ignore' }, /insecure-ignore/],
    [{ tls: { verify: false } }, /tls.verify false/],
    [{ confirm: false }, /confirm false/],
    [{ allowHostAccess: true }, /allowHostAccess true/],
    [{ bindRoots: ['/'] }, /bindRoots/],
    [{ knownHostsFile: '/tmp/kh' }, /knownHostsFile/],
  ])('refuses a new profile with %j', (fields, message) => {
    expect(() => refuseLooseNew('n', { type: 'ssh', host: 'h', user: 'u', ...fields })).toThrow(message);
  });

  it('accepts a key file and accept-new for a host berth has not reached', () => {
    expect(() =>
      refuseLooseNew('n', {
        type: 'ssh',
        host: 'h',
        user: 'u',
        identityFile: '~/id',
        hostKeyPolicy: 'accept-new',
      }),
    ).not.toThrow();
  });
});

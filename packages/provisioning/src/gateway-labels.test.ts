import { describe, expect, it } from 'vitest';
import { currentOwner, ownerLabels, ownerOf, ownerState, type ProcessProbe } from './gateway-labels.js';

const probe = (live: Record<number, string>): ProcessProbe => ({
  host: 'box',
  bootId: 'boot-1',
  startTimeOf: (pid) => live[pid],
});

describe('gateway owners', () => {
  it('reads back the owner it writes', () => {
    const owner = currentOwner('gw', probe({ 7: '100' }), 7);
    expect(ownerOf(ownerLabels(owner))).toEqual(owner);
    expect(ownerOf({ 'berth.gateway': 'gw' })).toBeUndefined();
  });

  it('is dead only when provably gone on this machine', () => {
    const owner = currentOwner('gw', probe({ 7: '100' }), 7);
    expect(ownerState(owner, probe({ 7: '100' }))).toBe('alive');
    expect(ownerState(owner, probe({}))).toBe('dead');
    // The pid was reused by a later process.
    expect(ownerState(owner, probe({ 7: '999' }))).toBe('dead');
    expect(ownerState(owner, { ...probe({ 7: '100' }), bootId: 'boot-2' })).toBe('dead');
    expect(ownerState(owner, { ...probe({}), host: 'other' })).toBe('unknown');
  });
});

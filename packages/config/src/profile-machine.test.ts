import { describe, expect, it } from 'vitest';
import { machineOf, THIS_MACHINE } from './profile-machine.js';

const here = new Set(['myhost', '10.1.2.3']);

describe('machineOf', () => {
  it.each([
    [{ type: 'local' }, THIS_MACHINE],
    [{ type: 'tcp', host: 'localhost' }, THIS_MACHINE],
    [{ type: 'ssh', host: '127.0.0.2' }, THIS_MACHINE],
    [{ type: 'ssh', host: '[::1]' }, THIS_MACHINE],
    [{ type: 'ssh', host: 'MyHost.' }, THIS_MACHINE],
    [{ type: 'tcp', host: '10.1.2.3' }, THIS_MACHINE],
    [{ type: 'ssh', host: 'Build.Example.' }, 'build.example'],
  ])('%j runs on %s', (profile, machine) => {
    expect(machineOf(profile, here)).toBe(machine);
  });
});

import { describe, expect, it } from 'vitest';
import { readHostParam, resolveHosts, writeHostParam } from './host-param.js';
import type { HostSummary } from './host-summary.js';

const host = (name: string): HostSummary => ({
  name,
  type: 'local',
  readOnly: false,
  isDefault: name === 'a',
  noConfirm: false,
  timeoutMs: 30_000,
});
const hosts = ['a', 'b', 'prod'].map(host);
const resolve = (value: string | string[] | undefined) => resolveHosts(value, hosts, () => 'a');

describe('host', () => {
  it('reads one profile, a comma list, a list, "*" or the default', () => {
    expect(resolve(undefined)).toEqual({ hosts: ['a'], fanOut: false });
    expect(resolve('b')).toEqual({ hosts: ['b'], fanOut: false });
    expect(resolve('a, prod,a')).toEqual({ hosts: ['a', 'prod'], fanOut: true });
    expect(resolve(['b'])).toEqual({ hosts: ['b'], fanOut: true });
    expect(resolve('*')).toEqual({ hosts: ['a', 'b', 'prod'], fanOut: true });
  });

  it('names close profiles for an unknown one, and refuses an empty list', () => {
    expect(() => resolve('a,prd')).toThrow(/Unknown host 'prd'; did you mean prod\?/);
    expect(() => resolve(' , ')).toThrow(/host must name 1 to 64 profiles/);
  });

  it('lets mutating tools name exactly one profile', () => {
    expect(writeHostParam.safeParse('prod').success).toBe(true);
    expect(writeHostParam.safeParse('a,b').success).toBe(false);
    expect(writeHostParam.safeParse('*').success).toBe(false);
    expect(readHostParam.safeParse('a,b').success).toBe(true);
    expect(readHostParam.safeParse('h'.repeat(100_000)).success).toBe(false);
  });
});

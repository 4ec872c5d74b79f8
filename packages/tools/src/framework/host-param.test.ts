import { describe, expect, it } from 'vitest';
import { readHostParam, resolveHosts, writeHostParam } from './host-param.js';
import type { ToolBackend } from './tool-backend.js';

const host = (name: string) => ({ name, type: 'local', readOnly: false, isDefault: name === 'a' });
const backend: ToolBackend = {
  hosts: () => ['a', 'b', 'prod'].map(host),
  defaultHost: () => 'a',
  acquire: () => Promise.reject(new Error('not used')),
};

describe('host', () => {
  it('reads one profile, a comma list, a list, "*" or the default', () => {
    expect(resolveHosts(undefined, backend)).toEqual({ hosts: ['a'], fanOut: false });
    expect(resolveHosts('b', backend)).toEqual({ hosts: ['b'], fanOut: false });
    expect(resolveHosts('a, prod,a', backend)).toEqual({ hosts: ['a', 'prod'], fanOut: true });
    expect(resolveHosts(['b'], backend)).toEqual({ hosts: ['b'], fanOut: true });
    expect(resolveHosts('*', backend)).toEqual({ hosts: ['a', 'b', 'prod'], fanOut: true });
  });

  it('names close profiles for an unknown one, and refuses an empty list', () => {
    expect(() => resolveHosts('a,prd', backend)).toThrow(/Unknown host 'prd'; did you mean prod\?/);
    expect(() => resolveHosts(' , ', backend)).toThrow(/host must name 1 to 64 profiles/);
  });

  it('lets mutating tools name exactly one profile', () => {
    expect(writeHostParam.safeParse('prod').success).toBe(true);
    expect(writeHostParam.safeParse('a,b').success).toBe(false);
    expect(writeHostParam.safeParse('*').success).toBe(false);
    expect(readHostParam.safeParse('a,b').success).toBe(true);
    expect(readHostParam.safeParse('h'.repeat(100_000)).success).toBe(false);
  });
});

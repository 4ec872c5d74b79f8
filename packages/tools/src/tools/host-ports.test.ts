import { describe, expect, it } from 'vitest';
import {
  bindingText,
  configuredBindings,
  type PortBinding,
  portAnswer,
  portConflicts,
  portKey,
} from './host-ports.js';

const bind = (
  container: string,
  hostIp: string,
  hostPort: number,
  proto = 'tcp',
  state = 'running',
): PortBinding => ({
  container,
  state,
  hostIp,
  hostPort,
  containerPort: 80,
  proto,
});

describe('portConflicts', () => {
  it('flags two containers on the same address and port, and a wildcard against any address', () => {
    const a = bind('a', '0.0.0.0', 8080);
    const b = bind('b', '127.0.0.1', 8080);
    const c = bind('c', '127.0.0.1', 9090);
    const d = bind('d', '127.0.0.2', 9090);
    const conflicts = portConflicts([a, b, c, d]);
    expect(conflicts.get(a)).toEqual(['b']);
    expect(conflicts.get(b)).toEqual(['a']);
    // Different specific addresses do not clash.
    expect(conflicts.has(c)).toBe(false);
    expect(conflicts.has(d)).toBe(false);
  });

  it('ignores the same container on two families, and other protocols', () => {
    const v4 = bind('web', '0.0.0.0', 80);
    const v6 = bind('web', '::', 80);
    const udp = bind('dns', '0.0.0.0', 80, 'udp');
    expect(portConflicts([v4, v6, udp]).size).toBe(0);
  });
});

describe('configuredBindings', () => {
  it('reads HostConfig.PortBindings, expanding ranges and skipping random ports', () => {
    const rows = configuredBindings('db', 'exited', {
      '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '5432' }],
      '53/udp': [{ HostIp: '', HostPort: '5300-5301' }],
      '80/tcp': [{ HostIp: '', HostPort: '' }],
      '81/tcp': null,
    });
    expect(rows.map(bindingText)).toEqual(['127.0.0.1:5432->5432/tcp', ':5300->53/udp', ':5301->53/udp']);
  });
});

describe('portAnswer', () => {
  it('calls a port free when only stopped containers want it, and names them', () => {
    const stopped = bind('old', '', 8080, 'tcp', 'exited');
    expect(portAnswer(8080, [stopped])).toEqual({ port: 8080, free: true, usedBy: 'old (exited)' });
    expect(portAnswer(8080, [stopped, bind('web', '0.0.0.0', 8080)])).toEqual({
      port: 8080,
      free: false,
      usedBy: 'old (exited), web (running)',
    });
    expect(portAnswer(9, [stopped])).toEqual({ port: 9, free: true });
  });
});

describe('portKey', () => {
  it('orders pages by ascending port under the newest-first keyset order', () => {
    const low = portKey({ port: 80, container: 'a' });
    const high = portKey({ port: 8080, container: 'a' });
    // The keyset compares numbers descending, so the lower port must carry the larger number.
    expect(low[0]).toBeGreaterThan(high[0]);
    expect(portKey({ port: 5432 })[0]).toBe(-5432);
  });
});

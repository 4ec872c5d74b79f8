import type { ContainerSummary } from '@berth/engine';
import { describe, expect, it } from 'vitest';
import { portConflict } from './port-conflict.js';

const running = (name: string, hostIp: string | undefined, hostPort: number, protocol = 'tcp') =>
  ({
    name,
    ports: [{ containerPort: 80, protocol, hostPort, ...(hostIp ? { hostIp } : {}) }],
  }) as ContainerSummary;

describe('portConflict', () => {
  it('finds the container that publishes the same port on an overlapping address', () => {
    const port = { hostIp: '127.0.0.1', hostPort: 8080, protocol: 'tcp' };
    expect(portConflict(port, [running('web', '127.0.0.1', 8080)])).toBe('web');
    expect(portConflict(port, [running('all', '0.0.0.0', 8080)])).toBe('all');
    expect(portConflict({ ...port, hostIp: '0.0.0.0' }, [running('lo', '127.0.0.2', 8080)])).toBe('lo');
  });

  it('leaves other ports, protocols and addresses free', () => {
    const port = { hostIp: '127.0.0.1', hostPort: 8080, protocol: 'tcp' };
    expect(
      portConflict(port, [
        running('a', '127.0.0.1', 8081),
        running('b', '127.0.0.1', 8080, 'udp'),
        running('c', '127.0.0.2', 8080),
      ]),
    ).toBeUndefined();
  });
});

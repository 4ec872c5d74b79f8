import { describe, expect, it } from 'vitest';
import { parseMount, parsePort, parseRestart } from './container-run.js';

describe('parsePort', () => {
  it.each([
    ['80', { containerPort: 80, hostIp: '127.0.0.1' }],
    ['8080:80', { containerPort: 80, hostPort: 8080, hostIp: '127.0.0.1' }],
    [':80', { containerPort: 80, hostIp: '127.0.0.1' }],
    ['0.0.0.0:8080:80/udp', { containerPort: 80, hostPort: 8080, hostIp: '0.0.0.0', protocol: 'udp' }],
    ['[::1]:53:53/udp', { containerPort: 53, hostPort: 53, hostIp: '::1', protocol: 'udp' }],
  ])('%s', (text, spec) => {
    expect(parsePort(text)).toEqual(spec);
  });

  it.each(['', '80;rm', '70000', '0', '8080:0', 'a:80', '80/icmp', '1.2.3.4:80', '--publish'])(
    'refuses %j',
    (text) => {
      expect(() => parsePort(text)).toThrow(/is not \[ip:\]\[hostPort:\]containerPort/);
    },
  );
});

describe('parseMount', () => {
  it('reads binds and volumes, read-only when asked', () => {
    expect(parseMount('/srv/data:/data:ro')).toEqual({
      type: 'bind',
      source: '/srv/data',
      target: '/data',
      readOnly: true,
    });
    expect(parseMount('pgdata:/var/lib/postgresql/data')).toEqual({
      type: 'volume',
      source: 'pgdata',
      target: '/var/lib/postgresql/data',
      readOnly: false,
    });
  });

  it.each([
    ['/a', /use source:\/target/],
    ['a:b:c:d', /use source:\/target/],
    ['/a:/b:rx', /mode must be ro or rw/],
    ['/a:relative', /target must be an absolute path/],
    ['/a:/b/../../etc', /without \.\./],
    ['/srv/../etc:/x', /must not contain \.\./],
    ['$(x):/x', /a volume name is/],
    ['-v:/x', /a volume name is/],
  ])('refuses %j', (text, message) => {
    expect(() => parseMount(text)).toThrow(message);
  });
});

describe('parseRestart', () => {
  it('reads the four policies and a retry count for on-failure only', () => {
    expect(parseRestart('no')).toEqual({ name: 'no' });
    expect(parseRestart('unless-stopped')).toEqual({ name: 'unless-stopped' });
    expect(parseRestart('on-failure:3')).toEqual({ name: 'on-failure', maximumRetryCount: 3 });
    expect(() => parseRestart('always:3')).toThrow(/restart must be/);
    expect(() => parseRestart('sometimes')).toThrow(/restart must be/);
  });
});

import { describe, expect, it } from 'vitest';
import { createBody } from './container-create.js';
import { EngineError } from './engine-error.js';
import { imagePath, splitImageRef } from './image-ref.js';
import { assertArgv, assertImageRef, assertRef, assertSignal, assertUser, envList } from './input-guards.js';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return error instanceof EngineError ? error.code : 'not an EngineError';
  }
  return undefined;
}

describe('input guards', () => {
  it('accept ordinary ids and names and strip the leading slash', () => {
    expect(assertRef('container', 'web-1')).toBe('web-1');
    expect(assertRef('container', '/web_1.a')).toBe('web_1.a');
    expect(assertRef('container', 'a'.repeat(64))).toHaveLength(64);
  });

  it.each(['-f', '--rm', '', 'a\0b', '../images', 'a b', 'x;rm', '.hidden'])('refuse ref %j', (ref) => {
    expect(codeOf(() => assertRef('container', ref))).toBe('INVALID');
  });

  it('accept image references and refuse flags, NUL and path tricks', () => {
    expect(assertImageRef('127.0.0.1:5000/berth-test/busybox:abc')).toBeTruthy();
    expect(assertImageRef(`alpine@sha256:${'a'.repeat(64)}`)).toBeTruthy();
    for (const bad of ['-alpine', 'a/../b', 'a//b', 'a\0', 'a b', '']) {
      expect(codeOf(() => assertImageRef(bad))).toBe('INVALID');
    }
    expect(imagePath('127.0.0.1:5000/x/y:1')).toBe('127.0.0.1%3A5000/x/y%3A1');
  });

  it('split image references like the CLI', () => {
    expect(splitImageRef('busybox')).toEqual({ repository: 'busybox', tag: 'latest' });
    expect(splitImageRef('127.0.0.1:5000/a/b')).toEqual({ repository: '127.0.0.1:5000/a/b', tag: 'latest' });
    expect(splitImageRef('127.0.0.1:5000/a/b:v1')).toEqual({ repository: '127.0.0.1:5000/a/b', tag: 'v1' });
    expect(splitImageRef('a@sha256:00')).toEqual({ repository: 'a', digest: 'sha256:00' });
  });

  it('take argv only: no command line string, no NUL, no flag as the program', () => {
    expect(assertArgv(['sh', '-c', 'echo $HOME; ls'])).toEqual(['sh', '-c', 'echo $HOME; ls']);
    expect(codeOf(() => assertArgv('ls -la' as unknown as string[]))).toBe('INVALID');
    expect(codeOf(() => assertArgv([]))).toBe('INVALID');
    expect(codeOf(() => assertArgv(['--privileged']))).toBe('INVALID');
    expect(codeOf(() => assertArgv(['ls', 'a\0b']))).toBe('INVALID');
    expect(codeOf(() => assertArgv(['ls', 3 as unknown as string]))).toBe('INVALID');
  });

  it('check env keys, users and signals', () => {
    expect(envList({ A: '1', B_2: 'x=y' })).toEqual(['A=1', 'B_2=x=y']);
    expect(codeOf(() => envList({ 'A=B': '1' }))).toBe('INVALID');
    expect(codeOf(() => envList({ A: 'a\0' }))).toBe('INVALID');
    expect(assertUser('1000:1000')).toBe('1000:1000');
    expect(codeOf(() => assertUser('-u'))).toBe('INVALID');
    expect(assertSignal('SIGRTMIN+3')).toBe('SIGRTMIN+3');
    expect(codeOf(() => assertSignal('-9'))).toBe('INVALID');
  });
});

describe('createBody', () => {
  it('publishes on 127.0.0.1 unless a host IP is chosen and uses structured mounts', () => {
    const body = createBody({
      image: 'busybox',
      cmd: ['sleep', '60'],
      ports: [
        { containerPort: 80 },
        { containerPort: 53, protocol: 'udp', hostIp: '0.0.0.0', hostPort: 5353 },
      ],
      mounts: [{ type: 'volume', source: 'data', target: '/data', readOnly: true }],
      restartPolicy: { name: 'on-failure', maximumRetryCount: 3 },
    }) as { HostConfig: Record<string, unknown>; ExposedPorts: Record<string, unknown> };
    expect(body.HostConfig.PortBindings).toEqual({
      '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }],
    });
    expect(body.ExposedPorts).toEqual({ '80/tcp': {}, '53/udp': {} });
    expect(body.HostConfig.Mounts).toEqual([
      { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: true },
    ]);
    expect(body.HostConfig.RestartPolicy).toEqual({ Name: 'on-failure', MaximumRetryCount: 3 });
  });

  it('refuses a bad host IP, a relative mount target and a command string', () => {
    expect(
      codeOf(() => createBody({ image: 'b', ports: [{ containerPort: 1, hostIp: 'localhost; x' }] })),
    ).toBe('INVALID');
    expect(codeOf(() => createBody({ image: 'b', mounts: [{ type: 'tmpfs', target: 'tmp' }] }))).toBe(
      'INVALID',
    );
    expect(codeOf(() => createBody({ image: 'b', cmd: 'sleep 1' as unknown as string[] }))).toBe('INVALID');
  });
});

describe('pathOf', () => {
  it('escapes every interpolated part', async () => {
    const { pathOf } = await import('./engine-request.js');
    expect(pathOf`/containers/${'a/../b'}/json`).toBe('/containers/a%2F..%2Fb/json');
    expect(pathOf`/exec/${'x'}/start`).toBe('/exec/x/start');
  });
});

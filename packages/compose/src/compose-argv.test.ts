import { describe, expect, it } from 'vitest';
import { composeArgv } from './compose-argv.js';
import type { ComposeVersion } from './compose-driver-types.js';
import { DownOptions, LogsOptions, UpOptions } from './compose-schemas.js';
import { downArgs, logsArgs, upArgs } from './job-args.js';
import { parseProject } from './parsed-options.js';

const v2: ComposeVersion = { flavour: 'v2', version: '2.26.1', command: ['docker', 'compose'] };
const v1: ComposeVersion = { flavour: 'v1', version: '1.29.2', command: ['docker-compose'] };
const project = parseProject(
  { name: 'shop', files: ['/srv/shop/compose.yaml', '/srv/shop/override.yaml'], directory: '/srv/shop' },
  'test',
);

describe('composeArgv', () => {
  it('passes project name, every file and the directory explicitly, each value after its flag', () => {
    expect(composeArgv(v2, project, 'ps', ['--format', 'json'], ['web'])).toEqual([
      'docker',
      'compose',
      '--ansi',
      'never',
      '--project-name',
      'shop',
      '--file',
      '/srv/shop/compose.yaml',
      '--file',
      '/srv/shop/override.yaml',
      '--project-directory',
      '/srv/shop',
      'ps',
      '--format',
      'json',
      '--',
      'web',
    ]);
  });

  it('ends options with -- before services for v2 only (v1 reads it as a service name)', () => {
    expect(composeArgv(v2, project, 'start', [], ['web']).slice(-2)).toEqual(['--', 'web']);
    const argv = composeArgv(v1, project, 'start', [], ['web']);
    expect(argv[0]).toBe('docker-compose');
    expect(argv).not.toContain('--');
    expect(argv.slice(-2)).toEqual(['start', 'web']);
    expect(composeArgv(v2, project, 'start')).not.toContain('--');
  });
});

describe('job arguments', () => {
  it('adds --volumes to down only for a real true', () => {
    expect(downArgs(DownOptions.parse({}))).toEqual([]);
    expect(downArgs(DownOptions.parse({ volumes: false }))).toEqual([]);
    expect(downArgs(DownOptions.parse({ volumes: true, removeOrphans: true, timeoutSeconds: 3 }))).toEqual([
      '--volumes',
      '--remove-orphans',
      '--timeout',
      '3',
    ]);
  });

  it('waits natively on v2 (seconds, rounded up) and leaves waiting to the driver on v1', () => {
    const options = UpOptions.parse({ build: true, waitTimeoutMs: 1500 });
    expect(upArgs(options, true)).toEqual(['--detach', '--build', '--wait', '--wait-timeout', '2']);
    expect(upArgs(options, false)).toEqual(['--detach', '--build']);
    expect(upArgs(UpOptions.parse({ wait: false }), true)).toEqual(['--detach']);
  });

  it('formats log options', () => {
    expect(logsArgs(LogsOptions.parse({ tail: 'all', follow: true, timestamps: true }))).toEqual([
      '--no-color',
      '--tail',
      'all',
      '--timestamps',
      '--follow',
    ]);
  });
});

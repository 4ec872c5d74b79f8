import { readFileSync } from 'node:fs';
import type { ContainerSummary } from '@berth/engine';
import { describe, expect, it } from 'vitest';
import { parseComposeVersion } from './compose-version.js';
import { exitCodeFromStatus, healthFromStatus, stacksFromSummaries } from './v1-output.js';
import { parseStackStatus, parseV2Ls, parseV2Ps } from './v2-output.js';
import { readiness } from './wait-healthy.js';

/** Output recorded from Compose 2.26.1 on the trixie test host; the trixie engine test checks the live binary still prints these fields. */
const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');

describe('compose version', () => {
  it('reads v2 and v1 `version --short` output and picks the flavour by major version', () => {
    expect(parseComposeVersion(fixture('v2-version.out'), ['docker-compose'])).toEqual({
      flavour: 'v2',
      version: '2.26.1-4',
      command: ['docker-compose'],
    });
    expect(parseComposeVersion(fixture('v1-version.out'), ['docker-compose'])?.flavour).toBe('v1');
    expect(parseComposeVersion('v2.29.7\n', ['docker', 'compose'])?.version).toBe('2.29.7');
    expect(parseComposeVersion('unknown flag: --short', ['docker', 'compose'])).toBeUndefined();
    expect(parseComposeVersion('3.0.0', ['docker', 'compose'])).toBeUndefined();
  });
});

describe('v2 output', () => {
  it('parses ps --format json (one object per line), an exited container with its exit code', () => {
    const containers = parseV2Ps(fixture('v2-ps.jsonl'));
    const source = fixture('v2-ps.jsonl')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(containers.map((c) => c.id)).toEqual(source.map((r) => r.ID));
    const web = containers.find((c) => c.service === 'web');
    const worker = containers.find((c) => c.service === 'worker');
    expect(web).toMatchObject({ project: 'cap', state: 'running', health: 'healthy' });
    expect(web?.exitCode).toBeUndefined();
    expect(web?.ports).toEqual([
      { containerPort: 8080, protocol: 'tcp', hostIp: '127.0.0.1', hostPort: 18080 },
    ]);
    expect(worker).toMatchObject({ state: 'exited', exitCode: 137, health: 'none', ports: [] });
  });

  it('parses the older single-array form and empty output', () => {
    const lines = fixture('v2-ps.jsonl').trim().split('\n');
    expect(parseV2Ps(`[${lines.join(',')}]`)).toEqual(parseV2Ps(fixture('v2-ps.jsonl')));
    expect(parseV2Ps('')).toEqual([]);
    expect(() => parseV2Ps('not json')).toThrow(/not JSON/);
  });

  it('parses ls --format json and its status summary', () => {
    expect(parseV2Ls(fixture('v2-ls.out'))).toEqual([
      {
        name: 'cap',
        states: { exited: 1, running: 1 },
        status: 'exited(1), running(1)',
        configFiles: ['/srv/cap/compose.yaml'],
      },
    ]);
    expect(parseStackStatus('running(12), paused(1)')).toEqual({ running: 12, paused: 1 });
  });
});

function summary(
  name: string,
  labels: Record<string, string>,
  state: string,
  status: string,
): ContainerSummary {
  return {
    id: `${name}-id`,
    name,
    names: [name],
    image: 'img',
    imageId: 'sha256:1',
    command: 'sleep',
    created: 0,
    state,
    status,
    ports: [],
    labels,
    networks: [],
    mounts: [],
  };
}

describe('v1: stacks and containers from engine labels', () => {
  it('reads health and exit codes from the engine status text', () => {
    expect(healthFromStatus('Up 5 seconds (healthy)')).toBe('healthy');
    expect(healthFromStatus('Up 1 second (health: starting)')).toBe('starting');
    expect(healthFromStatus('Up 2 minutes (unhealthy)')).toBe('unhealthy');
    expect(healthFromStatus('Up 2 minutes')).toBe('none');
    expect(exitCodeFromStatus('Exited (137) 1 second ago')).toBe(137);
    expect(exitCodeFromStatus('Up 2 minutes')).toBeUndefined();
  });

  it('groups containers by project label, leaving out one-off containers and, without all, stopped stacks', () => {
    const labels = (project: string, extra: Record<string, string> = {}) => ({
      'com.docker.compose.project': project,
      'com.docker.compose.service': 'web',
      'com.docker.compose.project.config_files': `/srv/${project}/compose.yaml`,
      'com.docker.compose.project.working_dir': `/srv/${project}`,
      ...extra,
    });
    const containers = [
      summary('a1', labels('a'), 'running', 'Up'),
      summary('a2', labels('a'), 'exited', 'Exited (0) 1 minute ago'),
      summary('a3', labels('a', { 'com.docker.compose.oneoff': 'True' }), 'running', 'Up'),
      summary('b1', labels('b'), 'exited', 'Exited (1) 1 minute ago'),
    ];
    expect(stacksFromSummaries(containers, true)).toEqual([
      {
        name: 'a',
        states: { running: 1, exited: 1 },
        status: 'exited(1), running(1)',
        configFiles: ['/srv/a/compose.yaml'],
        workingDir: '/srv/a',
      },
      {
        name: 'b',
        states: { exited: 1 },
        status: 'exited(1)',
        configFiles: ['/srv/b/compose.yaml'],
        workingDir: '/srv/b',
      },
    ]);
    expect(stacksFromSummaries(containers, false).map((s) => s.name)).toEqual(['a']);
  });
});

describe('readiness while waiting for health', () => {
  const base = { id: 'x', name: 'x', project: 'p', service: 's', image: 'i', status: '', ports: [] };
  it('waits for starting containers, fails fast on unhealthy or non-zero exits, accepts finished one-shot jobs', () => {
    expect(readiness({ ...base, state: 'running', health: 'healthy' })).toBeUndefined();
    expect(readiness({ ...base, state: 'running', health: 'none' })).toBeUndefined();
    expect(readiness({ ...base, state: 'exited', health: 'none', exitCode: 0 })).toBeUndefined();
    expect(readiness({ ...base, state: 'running', health: 'starting' })?.fatal).toBe(false);
    expect(readiness({ ...base, state: 'created', health: 'none' })?.fatal).toBe(false);
    expect(readiness({ ...base, state: 'running', health: 'unhealthy' })?.fatal).toBe(true);
    expect(readiness({ ...base, state: 'exited', health: 'none', exitCode: 2 })?.fatal).toBe(true);
  });
});

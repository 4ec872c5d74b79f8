import type { ComposeContainer, ComposeHealth, ComposePort, ComposeStack } from './compose-driver-types.js';
import { ComposeError } from './compose-error.js';

/** v2's `ps --format json`: one object per line (2.21 and later), or one array (earlier v2). */
function jsonRecords(stdout: string, what: string): Record<string, unknown>[] {
  const text = stdout.trim();
  if (text === '') return [];
  try {
    if (text.startsWith('[')) return JSON.parse(text) as Record<string, unknown>[];
    return text
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line));
  } catch (error) {
    throw new ComposeError(
      'ENGINE',
      `compose ${what} printed something that is not JSON`,
      {},
      { cause: error },
    );
  }
}

const str = (value: unknown): string => (typeof value === 'string' ? value : '');

export function healthOf(value: string): ComposeHealth {
  return value === 'healthy' || value === 'unhealthy' || value === 'starting' ? value : 'none';
}

function portsOf(publishers: unknown): ComposePort[] {
  if (!Array.isArray(publishers)) return [];
  return publishers.map((p: Record<string, unknown>) => ({
    containerPort: Number(p.TargetPort),
    protocol: str(p.Protocol) || 'tcp',
    ...(str(p.URL) ? { hostIp: str(p.URL) } : {}),
    ...(Number(p.PublishedPort) > 0 ? { hostPort: Number(p.PublishedPort) } : {}),
  }));
}

/** Compose v2 `ps --format json` → containers. */
export function parseV2Ps(stdout: string): ComposeContainer[] {
  return jsonRecords(stdout, 'ps').map((r) => {
    const state = str(r.State);
    return {
      id: str(r.ID),
      name: str(r.Name),
      project: str(r.Project),
      service: str(r.Service),
      image: str(r.Image),
      state,
      health: healthOf(str(r.Health)),
      ...(state !== 'running' && typeof r.ExitCode === 'number' ? { exitCode: r.ExitCode } : {}),
      status: str(r.Status),
      ports: portsOf(r.Publishers),
    };
  });
}

/** `running(2), exited(1)` → `{ running: 2, exited: 1 }`. */
export function parseStackStatus(status: string): Record<string, number> {
  const states: Record<string, number> = {};
  for (const match of status.matchAll(/([a-z]+)\((\d+)\)/g)) {
    states[match[1] as string] = (states[match[1] as string] ?? 0) + Number(match[2]);
  }
  return states;
}

/** The summary compose v2 prints for a project, from counts. */
export function formatStackStatus(states: Record<string, number>): string {
  return Object.entries(states)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([state, count]) => `${state}(${count})`)
    .join(', ');
}

/** Compose v2 `ls --format json` → stacks. */
export function parseV2Ls(stdout: string): ComposeStack[] {
  return jsonRecords(stdout, 'ls').map((r) => {
    const status = str(r.Status);
    return {
      name: str(r.Name),
      states: parseStackStatus(status),
      status,
      configFiles: str(r.ConfigFiles)
        .split(',')
        .filter((f) => f !== ''),
    };
  });
}

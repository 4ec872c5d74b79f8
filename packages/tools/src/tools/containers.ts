import type { ContainerState, ContainerSummary } from '@berth/engine';
import { sanitizeText } from '@berth/security';
import { z } from 'zod';
import type { HostCall } from '../framework/host-call.js';
import type { Row } from '../framework/tool-output.js';
import type { RowKey } from '../framework/tool-spec.js';
import { inspectLearningSecrets } from './container-secrets.js';
import { statsRow, statsRowSchema } from './engine-rows.js';
import { withSuggestions } from './resource-kind.js';
import { isoTime, type ListFilter, shortId } from './resource-rows.js';

/** `state` of the container list: which engine states each answer means. */
export const containerStates = z.enum(['running', 'stopped', 'all']);
export type ContainerStateFilter = z.infer<typeof containerStates>;

// Paused and restarting containers still hold their ports and memory: they count as running.
const STATES: Record<Exclude<ContainerStateFilter, 'all'>, ContainerState[]> = {
  running: ['running', 'paused', 'restarting'],
  stopped: ['created', 'exited', 'dead'],
};

export const containerListRow = z.object({
  name: z.string(),
  id: z.string(),
  image: z.string(),
  state: z.string(),
  status: z.string(),
  ports: z.string(),
  created: z.string(),
});

export const containerInfoRow = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  state: z.string(),
  exitCode: z.number(),
  health: z.string().optional(),
  startedAt: z.string(),
  restarts: z.number(),
  restart: z.string(),
  cmd: z.array(z.string()),
  env: z.array(z.string()),
  ports: z.string(),
  mounts: z.array(z.string()),
  networks: z.array(z.string()),
  labels: z.record(z.string(), z.string()),
  created: z.string(),
});

/** Ports as `docker ps` shows them: `127.0.0.1:8080->80/tcp`, or `80/tcp` when not published. */
export function portsText(list: ContainerSummary['ports']): string {
  return list
    .map((p) =>
      p.hostPort
        ? `${p.hostIp ?? ''}:${p.hostPort}->${p.containerPort}/${p.protocol}`
        : `${p.containerPort}/${p.protocol}`,
    )
    .join(',');
}

/** `NetworkSettings.Ports` of an inspect answer in the same form. */
function inspectPortsText(ports: Record<string, Array<{ HostIp?: string; HostPort?: string }> | null> = {}) {
  return Object.entries(ports)
    .flatMap(([port, bound]) =>
      bound && bound.length > 0 ? bound.map((b) => `${b.HostIp ?? ''}:${b.HostPort ?? ''}->${port}`) : [port],
    )
    .join(',');
}

export interface ContainerFilter extends ListFilter {
  state?: ContainerStateFilter | undefined;
}

/** Containers of one host, one engine call; the framework pages them newest first. */
export async function containerRows(filter: ContainerFilter, call: HostCall): Promise<Row[]> {
  const engine = await call.engine();
  const state = filter.state ?? 'all';
  const { items } = await engine.containers.list({
    all: true,
    filters: {
      ...(filter.name ? { name: filter.name } : {}),
      ...(filter.label ? { label: filter.label } : {}),
      ...(state === 'all' ? {} : { status: STATES[state] }),
    },
  });
  return items.map((c) => ({
    name: c.name,
    id: shortId(c.id),
    image: c.image,
    state: c.state,
    status: c.status,
    ports: portsText(c.ports),
    created: isoTime(c.created) ?? '',
  }));
}

/** The restart policy as `docker run --restart` spells it (`no` when there is none). */
function restartPolicy(p: { Name?: string; MaximumRetryCount?: number } | undefined): string {
  if (!p?.Name || p.Name === 'no') return 'no';
  return p.Name === 'on-failure' && p.MaximumRetryCount ? `on-failure:${p.MaximumRetryCount}` : p.Name;
}

/** One container in detail; env values whose key looks secret are masked. */
export async function containerInfo(ref: string, call: HostCall): Promise<Row> {
  const i = await inspectLearningSecrets(call, ref);
  return {
    id: shortId(i.Id),
    name: i.Name.replace(/^\//, ''),
    image: i.Config.Image,
    state: i.State.Status,
    exitCode: i.State.ExitCode,
    ...(i.State.Health?.Status ? { health: i.State.Health.Status } : {}),
    startedAt: i.State.StartedAt,
    restarts: i.RestartCount,
    // Always said, `no` included: "keeps failing" is read against it.
    restart: restartPolicy(i.HostConfig?.RestartPolicy),
    // `--password x` holds its secret in the element after the flag: masked as an argv.
    cmd: call.masker.maskArgv([...(i.Config.Entrypoint ?? []), ...(i.Config.Cmd ?? [])]),
    env: call.masker.maskEnv(i.Config.Env ?? []),
    ports: inspectPortsText(i.NetworkSettings.Ports as never),
    mounts: i.Mounts.map((m) => `${m.Source || m.Name || ''}:${m.Destination}${m.RW ? '' : ':ro'}`),
    networks: Object.keys(i.NetworkSettings.Networks ?? {}),
    labels: i.Config.Labels ?? {},
    created: isoTime(i.Created) ?? '',
  };
}

export const containerStatsRow = statsRowSchema.extend({ id: z.string(), live: z.boolean() });

export async function containerStatsOf(ref: string, call: HostCall): Promise<Row> {
  const s = await withSuggestions('container', ref, call, (engine) => engine.containers.stats(ref));
  return {
    id: ref,
    // A stopped container answers with zeros, read at the zero time: `live` says which.
    live: s.read !== undefined && !s.read.startsWith('0001-'),
    ...statsRow(s),
  };
}

// The `ps -ef` columns a diagnosis reads, as row fields; C, STIME and TTY are left out.
const TITLES: Record<string, string> = {
  UID: 'user',
  PID: 'pid',
  PPID: 'ppid',
  TIME: 'time',
  CMD: 'command',
};

export const topRow = z.object({
  user: z.string(),
  pid: z.string(),
  ppid: z.string(),
  time: z.string().describe('CPU time'),
  // A command line, not an argv: named apart from info's `cmd`.
  command: z.string(),
});

/** Processes by pid, lowest first (the keyset order is descending by number). */
export const topKey = (row: Row): RowKey => [-Number(row.pid ?? 0), String(row.command ?? '')];

export async function containerTop(ref: string, call: HostCall): Promise<Row[]> {
  // Process command lines may carry the container's own secrets (`--password x`).
  await inspectLearningSecrets(call, ref);
  const top = await withSuggestions('container', ref, call, (engine) => engine.containers.top(ref));
  const columns = top.titles.flatMap((t, i) => (TITLES[t] ? [[TITLES[t], i] as const] : []));
  // Masked here, not only by the runner: `command` is part of the paging key a cursor carries.
  return top.processes.map((proc) =>
    Object.fromEntries(columns.map(([k, i]) => [k, call.masker.maskText(sanitizeText(proc[i] ?? ''))])),
  );
}

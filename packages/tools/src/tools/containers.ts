import {
  type ContainerSummary,
  containerStats,
  inspectContainer,
  listContainers,
  topContainer,
} from '@berth/engine';
import { z } from 'zod';
import { pageParams } from '../framework/shape-rows.js';
import { action } from '../framework/tool-spec.js';
import { logsAction } from './container-logs.js';
import { statsRow } from './engine-rows.js';
import { withContainerSuggestions } from './not-found.js';
import { containerRef } from './refs.js';

function ports(list: ContainerSummary['ports']): string {
  return list
    .map((p) =>
      p.hostPort
        ? `${p.hostIp ?? ''}:${p.hostPort}->${p.containerPort}/${p.protocol}`
        : `${p.containerPort}/${p.protocol}`,
    )
    .join(',');
}

const byId = z.object({ id: containerRef });

/** Reading containers (actions of the `resources` read tool): never changes anything. */
export const containerReadActions = {
  list: action({
    summary: 'containers (all states by default), oldest first, paged',
    params: z.object({
      running: z.boolean().optional(),
      name: z.string().max(255).optional().describe('Name contains'),
      ...pageParams,
    }),
    run: async (p, call) => {
      const docker = await call.docker();
      // One engine call. The framework pages the rows of all hosts with an offset
      // cursor, so the order is oldest first: containers started between two pages
      // land on later pages instead of shifting the next page back onto this one.
      const page = await listContainers(docker, {
        all: p.running !== true,
        ...(p.name ? { filters: { name: p.name } } : {}),
        signal: call.signal,
      });
      return page.items.reverse().map((c) => ({
        name: c.name,
        id: c.id.slice(0, 12),
        image: c.image,
        state: c.state,
        status: c.status,
        ports: ports(c.ports),
      }));
    },
  }),
  info: action({
    summary: 'one container: state, config, ports, mounts, networks (env masked)',
    params: z.object({ id: containerRef, fields: pageParams.fields }),
    run: async (p, call) => {
      const docker = await call.docker();
      const i = await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () =>
        inspectContainer(docker, p.id, { signal: call.signal }),
      );
      return {
        id: i.Id.slice(0, 12),
        name: i.Name.replace(/^\//, ''),
        image: i.Config.Image,
        state: i.State.Status,
        exitCode: i.State.ExitCode,
        health: i.State.Health?.Status,
        startedAt: i.State.StartedAt,
        restarts: i.RestartCount,
        cmd: [...(i.Config.Entrypoint ?? []), ...(i.Config.Cmd ?? [])],
        env: call.masker.maskEnv(i.Config.Env ?? []),
        ports: i.NetworkSettings.Ports,
        mounts: i.Mounts.map((m) => `${m.Source ?? m.Name}:${m.Destination}${m.RW ? '' : ':ro'}`),
        networks: Object.keys(i.NetworkSettings.Networks ?? {}),
        labels: i.Config.Labels,
      };
    },
  }),
  logs: logsAction,
  stats: action({
    summary: 'one sample: CPU %, memory, network and block I/O (MB), pids; zeros when stopped',
    params: byId,
    run: async (p, call) => {
      const docker = await call.docker();
      const s = await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () =>
        containerStats(docker, p.id, { signal: call.signal }),
      );
      return {
        id: p.id,
        // A stopped container answers with zeros, read at the zero time.
        running: s.read !== undefined && !s.read.startsWith('0001-'),
        ...statsRow(s),
      };
    },
  }),
  top: action({
    summary: 'processes of a running container',
    params: z.object({ id: containerRef, ...pageParams }),
    run: async (p, call) => {
      const docker = await call.docker();
      const top = await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () =>
        topContainer(docker, p.id, { signal: call.signal }),
      );
      const keys = top.titles.map((t) => t.toLowerCase());
      return top.processes.map((proc) => Object.fromEntries(keys.map((k, i) => [k, proc[i] ?? ''])));
    },
  }),
};

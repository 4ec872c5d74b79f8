import type Docker from 'dockerode';
import { z } from 'zod';
import { pageParams } from '../framework/shape-rows.js';
import { action, defineTool } from '../framework/tool-spec.js';
import { withContainerSuggestions } from './not-found.js';
import { containerRef } from './refs.js';

function ports(list: Docker.Port[] | undefined): string {
  return (list ?? [])
    .map((p) =>
      p.PublicPort
        ? `${p.IP ?? ''}:${p.PublicPort}->${p.PrivatePort}/${p.Type}`
        : `${p.PrivatePort}/${p.Type}`,
    )
    .join(',');
}

/** Reading containers: never changes anything. */
export const containersTool = defineTool({
  name: 'containers',
  title: 'Read containers',
  description: 'List and inspect containers; env values are masked.',
  safety: 'read',
  actions: {
    list: action({
      summary: 'containers (all states by default), paged',
      params: z.object({
        running: z.boolean().optional().describe('Only running'),
        name: z.string().max(255).optional().describe('Name contains'),
        ...pageParams,
      }),
      run: async (p, call) => {
        const docker = await call.docker();
        const filters = p.name ? { name: [p.name] } : undefined;
        const list = await docker.listContainers({
          all: p.running !== true,
          ...(filters ? { filters } : {}),
          abortSignal: call.signal,
        });
        return list
          .map((c) => ({
            name: (c.Names?.[0] ?? '').replace(/^\//, ''),
            id: c.Id.slice(0, 12),
            image: c.Image,
            state: c.State,
            status: c.Status,
            ports: ports(c.Ports),
          }))
          .sort((a, b) => a.name.localeCompare(b.name));
      },
    }),
    info: action({
      summary: 'one container: state, config, ports, mounts, networks (env masked)',
      params: z.object({ id: containerRef, fields: pageParams.fields }),
      run: async (p, call) => {
        const docker = await call.docker();
        const i = await withContainerSuggestions(docker, call.host.name, p.id, call.signal, () =>
          docker.getContainer(p.id).inspect({ abortSignal: call.signal }),
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
  },
});

import type Docker from 'dockerode';
import type { CallOptions } from './call-options.js';
import { engineRequest, pathOf } from './engine-request.js';
import { engineFilters, type LabelFilter } from './filters.js';
import { assertRef } from './input-guards.js';
import { type Page, type PageOptions, paginate } from './pagination.js';

export type ContainerState = 'created' | 'restarting' | 'running' | 'removing' | 'paused' | 'exited' | 'dead';

export interface ContainerFilters {
  label?: LabelFilter;
  /** Substring match on the name, as the engine does it. */
  name?: string | string[];
  status?: ContainerState | ContainerState[];
  /** Image the container was created from (name, tag or id). */
  ancestor?: string | string[];
  network?: string | string[];
  id?: string | string[];
  health?: 'starting' | 'healthy' | 'unhealthy' | 'none';
}

export interface ListContainersOptions extends CallOptions, PageOptions {
  /** Include stopped containers (default true: agents diagnose exited ones too). */
  all?: boolean;
  filters?: ContainerFilters;
}

export interface PortSummary {
  containerPort: number;
  protocol: string;
  hostIp?: string;
  hostPort?: number;
}

export interface ContainerSummary {
  id: string;
  /** The first name, without Docker's leading slash. */
  name: string;
  names: string[];
  image: string;
  imageId: string;
  command: string;
  /** Creation time, seconds since the epoch. */
  created: number;
  state: string;
  /** Human status from the engine ("Up 3 minutes", "Exited (0) 2 hours ago"). */
  status: string;
  ports: PortSummary[];
  labels: Record<string, string>;
  networks: string[];
  mounts: Array<{ type: string; source: string; destination: string; name?: string; readOnly: boolean }>;
}

function summarize(c: Docker.ContainerInfo): ContainerSummary {
  const names = (c.Names ?? []).map((n) => n.replace(/^\//, ''));
  return {
    id: c.Id,
    name: names[0] ?? c.Id.slice(0, 12),
    names,
    image: c.Image,
    imageId: c.ImageID,
    command: c.Command,
    created: c.Created,
    state: c.State,
    status: c.Status,
    ports: (c.Ports ?? []).map((p) => ({
      containerPort: p.PrivatePort,
      protocol: p.Type,
      ...(p.IP ? { hostIp: p.IP } : {}),
      ...(p.PublicPort ? { hostPort: p.PublicPort } : {}),
    })),
    labels: c.Labels ?? {},
    networks: Object.keys(c.NetworkSettings?.Networks ?? {}),
    mounts: (c.Mounts ?? []).map((m) => ({
      type: m.Type,
      source: m.Source,
      destination: m.Destination,
      ...(m.Name ? { name: m.Name } : {}),
      readOnly: !m.RW,
    })),
  };
}

/**
 * Lists containers with ONE engine call (`GET /containers/json`): everything a summary
 * shows is in that answer, so there is never an inspect per container. Pages are cut
 * from the sorted answer (newest first, then id) with an opaque keyset cursor.
 */
export async function listContainers(
  docker: Docker,
  options: ListContainersOptions = {},
): Promise<Page<ContainerSummary>> {
  const f = options.filters ?? {};
  const raw = await engineRequest<Docker.ContainerInfo[]>(
    docker,
    {
      method: 'GET',
      path: '/containers/json',
      query: {
        all: options.all ?? true,
        filters: engineFilters({
          label: f.label,
          name: f.name,
          status: f.status,
          ancestor: f.ancestor,
          network: f.network,
          id: f.id,
          health: f.health,
        }),
      },
      what: 'list containers',
      data: { resource: 'container', operation: 'container.list' },
    },
    options,
  );
  const page = paginate(raw.map(summarize), (c) => [c.created, c.id], options);
  return page;
}

/** The engine's full inspect answer (`docker inspect`). */
export async function inspectContainer(
  docker: Docker,
  container: string,
  options: CallOptions = {},
): Promise<Docker.ContainerInspectInfo> {
  const ref = assertRef('container', container);
  return engineRequest<Docker.ContainerInspectInfo>(
    docker,
    {
      method: 'GET',
      path: pathOf`/containers/${ref}/json`,
      what: `inspect container ${ref}`,
      data: { resource: 'container', ref, operation: 'container.inspect' },
    },
    options,
  );
}

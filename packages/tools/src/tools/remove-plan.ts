import { inspectContainer, inspectImage, inspectNetwork, inspectVolume } from '@berth/engine';
import type Docker from 'dockerode';
import type { Row } from '../framework/tool-output.js';
import type { HostCall } from '../framework/tool-spec.js';
import { type ResourceKind, withSuggestions } from './resource-kind.js';

export interface RemoveParams {
  kind: ResourceKind;
  id: string;
  force?: boolean | undefined;
  volumes?: boolean | undefined;
}

/** Volumes the engine removes with the container (`v`): the anonymous ones, never named ones. */
export function anonymousVolumes(info: Docker.ContainerInspectInfo): string[] {
  const named = new Set<string>();
  for (const bind of info.HostConfig.Binds ?? []) named.add(bind.split(':')[0] ?? '');
  for (const mount of (info.HostConfig as { Mounts?: { Source?: string }[] }).Mounts ?? []) {
    if (mount.Source) named.add(mount.Source);
  }
  return info.Mounts.flatMap((m) => (m.Type === 'volume' && m.Name && !named.has(m.Name) ? [m.Name] : []));
}

/** `repo` means `repo:latest`, as the engine reads it. */
function withTag(ref: string): string {
  return ref.includes('@') || ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref : `${ref}:latest`;
}

/**
 * Exactly what removing `id` would do, read from the engine (dry run and the confirmation
 * question). A missing name fails here, with the closest names, before anything is asked.
 */
export async function removePlan(p: RemoveParams, call: HostCall): Promise<Row[]> {
  const docker = await call.docker();
  const found = <T>(run: () => Promise<T>) =>
    withSuggestions(p.kind, p.id, docker, call.host.name, call.signal, run);
  const o = { signal: call.signal };
  switch (p.kind) {
    case 'container': {
      const c = await found(() => inspectContainer(docker, p.id, o));
      const running = c.State.Running || c.State.Paused || c.State.Restarting;
      const rows: Row[] = [
        {
          remove: 'container',
          name: c.Name.replace(/^\//, ''),
          id: c.Id.slice(0, 12),
          state: c.State.Status,
          ...(running && p.force !== true ? { blocked: 'running: stop it or pass force' } : {}),
        },
      ];
      if (p.volumes === true) {
        for (const v of anonymousVolumes(c)) rows.push({ remove: 'volume', name: v });
      }
      return rows;
    }
    case 'image': {
      const i = await found(() => inspectImage(docker, p.id, o));
      const tags = i.RepoTags ?? [];
      // Removing one tag of an image that has others only untags it; otherwise the image goes.
      const untagOnly = tags.includes(withTag(p.id)) && tags.length > 1;
      return [
        {
          remove: untagOnly ? 'tag' : 'image',
          name: untagOnly ? withTag(p.id) : tags.join(','),
          id: i.Id.replace(/^sha256:/, '').slice(0, 12),
          sizeMb: Math.round(i.Size / 1024 ** 2),
        },
      ];
    }
    case 'volume': {
      const v = await found(() => inspectVolume(docker, p.id, o));
      return [{ remove: 'volume', name: v.Name, driver: v.Driver }];
    }
    case 'network': {
      const n = await found(() => inspectNetwork(docker, p.id, o));
      const attached = Object.values(n.Containers ?? {}).map((c) => c.Name);
      return [
        {
          remove: 'network',
          name: n.Name,
          id: n.Id.slice(0, 12),
          ...(attached.length > 0 ? { blocked: `in use by ${attached.join(',')}` } : {}),
        },
      ];
    }
  }
}

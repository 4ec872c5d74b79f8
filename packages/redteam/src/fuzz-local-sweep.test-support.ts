import { dockerClient } from '@berth/testkit';
import type { FuzzBed } from './fuzz-bed.test-support.js';
import { MADE_LABEL } from './fuzz-labels.test-support.js';

export interface LocalSweep {
  /** Canary files found in containers fuzz calls made, before they were removed. */
  canaries: string[];
  /** Tags left in place: the image has no other, so untagging would delete it. */
  keptTags: string[];
  removed: { containers: number; networks: number; volumes: number; tags: number };
}

/**
 * Removes what fuzz calls made on the shared local engine (found by the run's label),
 * looking into each container for canaries first, and takes back the tags they added.
 */
export async function sweepLocalEngine(bed: FuzzBed, tags: ReadonlySet<string>): Promise<LocalSweep> {
  const swept: LocalSweep = {
    canaries: [],
    keptTags: [],
    removed: { containers: 0, networks: 0, volumes: 0, tags: 0 },
  };
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [`${MADE_LABEL}=${bed.run}`] });
  for (const c of await docker.listContainers({ all: true, filters })) {
    const container = docker.getContainer(c.Id);
    const changes: unknown = await container.changes().catch(() => null);
    for (const change of Array.isArray(changes) ? changes : []) {
      const path = String((change as { Path?: unknown }).Path ?? '');
      if (path.includes(bed.canaries.prefix)) swept.canaries.push(`local container ${c.Names[0]}: ${path}`);
    }
    await container.remove({ force: true, v: true }).catch(() => {});
    swept.removed.containers++;
  }
  for (const n of await docker.listNetworks({ filters })) {
    const network = docker.getNetwork(n.Id);
    // Inspect lists running containers only; a stopped fixture left on a removed network never starts again.
    const attached = Object.keys(((await network.inspect()) as { Containers?: object }).Containers ?? {});
    for (const id of [...attached, ...bed.names.containers]) {
      await network.disconnect({ Container: id, Force: true }).catch(() => {});
    }
    await network.remove().catch(() => {});
    swept.removed.networks++;
  }
  for (const v of (await docker.listVolumes({ filters })).Volumes ?? []) {
    await docker
      .getVolume(v.Name)
      .remove()
      .catch(() => {});
    swept.removed.volumes++;
  }
  for (const tag of tags) {
    const image = docker.getImage(tag);
    const info = await image.inspect().catch(() => undefined);
    if (info && (info.RepoTags?.length ?? 0) > 1) {
      await image.remove({ noprune: true }).catch(() => {});
      swept.removed.tags++;
    } else if (info) swept.keptTags.push(tag);
  }
  return swept;
}

import { removeContainer } from './container-removal.js';
import { dockerClient } from './docker-client.js';
import { LABEL_HOST, LABEL_PID, LABEL_RUN, LABEL_SESSION, testHost } from './labels.js';

export interface SweepResult {
  containers: string[];
  networks: string[];
  volumes: string[];
  images: string[];
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Which resources a sweep removes: see {@link SweepOptions}. */
interface Owner {
  host: string;
  session: string | undefined;
}

/**
 * A resource is a leftover when the test process that labelled it is gone, or when it
 * belongs to the ended vitest run being swept. Only the machine that labelled a resource
 * can tell, so resources of other hosts are kept.
 */
function isLeftover(labels: Record<string, string> | undefined | null, owner: Owner): boolean {
  if (!labels || !(LABEL_RUN in labels)) return false;
  if ((labels[LABEL_HOST] ?? testHost()) !== owner.host) return false;
  if (owner.session !== undefined && labels[LABEL_SESSION] === owner.session) return true;
  const pid = Number(labels[LABEL_PID]);
  return !Number.isInteger(pid) || !alive(pid);
}

/** Test images live under a `berth-test/` repository (optionally behind a registry address). */
const TEST_IMAGE = /(^|\/)berth-test\//;

/**
 * A test image is a leftover when its owner is known to be gone: by the `berth.test.pid`
 * label (images built or committed by tests carry it), or by its tag, when the tag is a
 * run id `<base36 time>-<pid>` (images pushed to the test registry).
 */
function imageIsLeftover(
  tag: string,
  labels: Record<string, string> | undefined | null,
  owner: Owner,
): boolean {
  if (labels && LABEL_PID in labels) return isLeftover({ [LABEL_RUN]: '', ...labels }, owner);
  if (owner.host !== testHost()) return false;
  const pid = Number(/:[a-z0-9]+-(\d+)$/.exec(tag)?.[1]);
  return Number.isInteger(pid) && !alive(pid);
}

/** Every `berth.test` resource on this machine, alive or not (after a run: should be none). */
export async function listTestResources(): Promise<SweepResult> {
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [LABEL_RUN] });
  const { Volumes } = await docker.listVolumes({ filters });
  const images = (await docker.listImages())
    .flatMap((i) => i.RepoTags ?? [])
    .filter((t) => t.includes('/berth-test/'));
  return {
    containers: (await docker.listContainers({ all: true, filters })).map((c) => c.Names[0] ?? c.Id),
    networks: (await docker.listNetworks({ filters })).map((n) => n.Name),
    volumes: (Volumes ?? []).map((v) => v.Name),
    images,
  };
}

export interface SweepOptions {
  /**
   * Whose leftovers to sweep, by their `berth.test.host` label: `testHost()` unless told.
   * The sweep's own test labels its probes with a host of its own, so that the sweeps
   * other test processes run meanwhile leave them alone.
   */
  host?: string;
  /**
   * A vitest run that has ended (its `berth.test.session` label): its resources are
   * leftovers even while the worker process that made them is still exiting.
   */
  session?: string;
}

/**
 * Removes every `berth.test` resource whose owning process has exited, on this machine:
 * what a crashed or killed earlier run left behind. Resources of live runs are kept, so
 * concurrent test processes never sweep each other's.
 */
export async function sweepLeftovers(options: SweepOptions = {}): Promise<SweepResult> {
  const owner: Owner = { host: options.host ?? testHost(), session: options.session };
  const docker = dockerClient();
  const filters = JSON.stringify({ label: [LABEL_RUN] });
  const result: SweepResult = { containers: [], networks: [], volumes: [], images: [] };

  for (const c of await docker.listContainers({ all: true, filters })) {
    if (!isLeftover(c.Labels, owner)) continue;
    const name = c.Names[0]?.replace(/^\//, '') ?? c.Id;
    await removeContainer(docker.getContainer(c.Id), `leftover ${name}`);
    result.containers.push(name);
  }
  for (const n of await docker.listNetworks({ filters })) {
    if (!isLeftover(n.Labels, owner)) continue;
    await docker.getNetwork(n.Id).remove().catch(ignoreNotFound);
    result.networks.push(n.Name);
  }
  const { Volumes } = await docker.listVolumes({ filters });
  for (const v of Volumes ?? []) {
    if (!isLeftover(v.Labels, owner)) continue;
    await docker.getVolume(v.Name).remove({ force: true }).catch(ignoreNotFound);
    result.volumes.push(v.Name);
  }
  for (const image of await docker.listImages()) {
    for (const tag of image.RepoTags ?? []) {
      if (!TEST_IMAGE.test(tag) || !imageIsLeftover(tag, image.Labels, owner)) continue;
      await docker.getImage(tag).remove({ force: true }).catch(ignoreNotFound);
      result.images.push(tag);
    }
  }
  return result;
}

export function sweepCount(result: SweepResult): number {
  return result.containers.length + result.networks.length + result.volumes.length + result.images.length;
}

function ignoreNotFound(error: unknown): void {
  if ((error as { statusCode?: number }).statusCode !== 404) throw error;
}

import { dockerClient, type RemoteHost } from '@berth/testkit';

/** One object an engine holds; an image counts once per tag, since untagging loses a name. */
export interface EngineObject {
  kind: 'container' | 'volume' | 'network' | 'image';
  id: string;
  name: string;
  labels: Record<string, string>;
}

export const objectKey = (o: EngineObject): string => `${o.kind} ${o.id} ${o.name}`;

/** Everything on the local engine. */
export async function localObjects(): Promise<EngineObject[]> {
  const docker = dockerClient();
  const [containers, { Volumes }, networks, images] = await Promise.all([
    docker.listContainers({ all: true }),
    docker.listVolumes(),
    docker.listNetworks(),
    docker.listImages(),
  ]);
  return [
    ...containers.map((c) => ({
      kind: 'container' as const,
      id: c.Id,
      name: (c.Names[0] ?? '').replace(/^\//, ''),
      labels: c.Labels ?? {},
    })),
    ...(Volumes ?? []).map((v) => ({
      kind: 'volume' as const,
      id: v.Name,
      name: v.Name,
      labels: v.Labels ?? {},
    })),
    ...networks.map((n) => ({ kind: 'network' as const, id: n.Id, name: n.Name, labels: n.Labels ?? {} })),
    ...images.flatMap((i) =>
      (i.RepoTags?.length ? i.RepoTags : ['<none>']).map((tag) => ({
        kind: 'image' as const,
        id: i.Id,
        name: tag,
        labels: i.Labels ?? {},
      })),
    ),
  ];
}

const LIST = `
docker ps -a --no-trunc --format 'container {{.ID}} {{.Names}}'
docker volume ls --format 'volume {{.Name}} {{.Name}}'
docker network ls --no-trunc --format 'network {{.ID}} {{.Name}}'
docker images -a --no-trunc --format 'image {{.ID}} {{.Repository}}:{{.Tag}}'
`;

/** Everything on the remote engine (labels are not needed there: the fuzz owns that engine). */
export async function remoteObjects(remote: RemoteHost): Promise<EngineObject[]> {
  const result = await remote.ssh(['sh', '-c', LIST]);
  if (result.exitCode !== 0) throw new Error(`listing the remote engine failed: ${result.stderr}`);
  return result.stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const [kind, id, name] = line.split(' ') as [EngineObject['kind'], string, string];
      return { kind, id, name, labels: {} };
    });
}

/** Objects of `before` that are gone from `after`. */
export function gone(before: EngineObject[], after: EngineObject[]): EngineObject[] {
  const now = new Set(after.map(objectKey));
  return before.filter((o) => !now.has(objectKey(o)));
}

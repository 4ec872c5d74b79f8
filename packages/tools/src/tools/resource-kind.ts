import { listContainers, listImages, listNetworks, listVolumes } from '@berth/engine';
import type Docker from 'dockerode';
import { z } from 'zod';
import { closestNames } from '../framework/closest-names.js';
import { errorLine } from '../framework/error-message.js';
import { clip } from '../framework/host-param.js';
import { ToolError } from '../framework/tool-error.js';

export type ResourceKind = 'container' | 'image' | 'volume' | 'network';

/** `kind` of the tools that act on images, volumes and networks (and containers, for removal). */
export const kindParam = <const K extends ResourceKind>(kinds: readonly [K, ...K[]]) => z.enum(kinds);

/** Every name (and short id) of one kind on a host, for "did you mean" hints. */
export async function namesOf(kind: ResourceKind, docker: Docker, signal: AbortSignal): Promise<string[]> {
  switch (kind) {
    case 'container':
      return (await listContainers(docker, { all: true, signal })).items.flatMap((c) => c.names);
    case 'image':
      return (await listImages(docker, { signal })).items.flatMap((i) => i.repoTags);
    case 'volume':
      return (await listVolumes(docker, { signal })).volumes.map((v) => v.name);
    case 'network':
      return (await listNetworks(docker, { signal })).map((n) => n.name);
  }
}

/**
 * Runs `run`; when the engine says the named thing does not exist, answers with one line
 * naming the closest ones of that kind on the host, so the agent can retry.
 */
export async function withSuggestions<T>(
  kind: ResourceKind,
  ref: string,
  docker: Docker,
  host: string,
  signal: AbortSignal,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (errorLine(error).code !== 'NOT_FOUND') throw error;
    const names = await namesOf(kind, docker, signal).catch(() => []);
    const close = closestNames(ref, names);
    const hint = close.length > 0 ? `did you mean ${close.join(', ')}?` : `list ${kind}s to see the names`;
    throw new ToolError(
      'NOT_FOUND',
      `${host}: no ${kind} '${clip(ref)}'; ${hint}`,
      { host, ref },
      { cause: error },
    );
  }
}

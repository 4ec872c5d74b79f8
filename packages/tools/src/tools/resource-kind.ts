import type { HostEngine } from '@berth/engine';
import { z } from 'zod';
import { didYouMean } from '../framework/closest-names.js';
import { errorLine } from '../framework/error-message.js';
import type { HostCall } from '../framework/host-call.js';
import { clip } from '../framework/host-param.js';
import { ToolError } from '../framework/tool-error.js';

export type ResourceKind = 'container' | 'image' | 'volume' | 'network';

/** `kind` of the tools that act on images, volumes and networks (and containers). */
export const kindParam = <const K extends ResourceKind>(kinds: readonly [K, ...K[]]) => z.enum(kinds);

/** Every name of one kind on a host, for "did you mean" hints. */
export async function namesOf(kind: ResourceKind, engine: HostEngine): Promise<string[]> {
  switch (kind) {
    case 'container':
      return (await engine.containers.list({ all: true })).items.flatMap((c) => c.names);
    case 'image':
      return (await engine.images.list()).items.flatMap((i) => i.repoTags);
    case 'volume':
      return (await engine.volumes.list()).volumes.map((v) => v.name);
    case 'network':
      return (await engine.networks.list()).map((n) => n.name);
  }
}

/**
 * Runs `run`; when the engine says the named thing does not exist, answers with one line
 * naming the closest ones of that kind on the host, so the agent can retry.
 */
export async function withSuggestions<T>(
  kind: ResourceKind,
  ref: string,
  call: HostCall,
  run: (engine: HostEngine) => Promise<T>,
): Promise<T> {
  const engine = await call.engine();
  try {
    return await run(engine);
  } catch (error) {
    if (errorLine(error).code !== 'NOT_FOUND') throw error;
    const names = await namesOf(kind, engine).catch(() => []);
    const hint = didYouMean(ref, names, `list ${kind}s to see the names`);
    throw new ToolError(
      'NOT_FOUND',
      `${call.host.name}: no ${kind} '${clip(ref)}'; ${hint}`,
      { host: call.host.name, ref, hinted: true },
      { cause: error },
    );
  }
}

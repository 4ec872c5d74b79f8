import { listContainers } from '@berth/engine';
import type Docker from 'dockerode';
import { closestNames } from '../framework/closest-names.js';
import { errorLine } from '../framework/error-message.js';
import { clip } from '../framework/host-param.js';
import { ToolError } from '../framework/tool-error.js';

/**
 * Turns "no such container" into one line naming the closest containers on that host,
 * so the agent can retry with the right name.
 */
export async function withContainerSuggestions<T>(
  docker: Docker,
  host: string,
  ref: string,
  signal: AbortSignal,
  run: () => Promise<T>,
): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (errorLine(error).code !== 'NOT_FOUND') throw error;
    const all = await listContainers(docker, { all: true, signal }).catch(() => ({ items: [] }));
    const names = all.items.flatMap((c) => c.names);
    const close = closestNames(ref, names);
    const hint = close.length > 0 ? `did you mean ${close.join(', ')}?` : 'list containers to see the names';
    throw new ToolError(
      'NOT_FOUND',
      `${host}: no container '${clip(ref)}'; ${hint}`,
      { host, ref },
      { cause: error },
    );
  }
}

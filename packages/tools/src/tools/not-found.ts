import type Docker from 'dockerode';
import { withSuggestions } from './resource-kind.js';

/**
 * Turns "no such container" into one line naming the closest containers on that host,
 * so the agent can retry with the right name (`withSuggestions` for kind container).
 */
export function withContainerSuggestions<T>(
  docker: Docker,
  host: string,
  ref: string,
  signal: AbortSignal,
  run: () => Promise<T>,
): Promise<T> {
  return withSuggestions('container', ref, docker, host, signal, run);
}

import type { ToolContext } from '../framework/tool-context.js';

/** How long a completion may wait for an engine: it is typed interactively. */
const COMPLETE_TIMEOUT_MS = 3_000;

type Completer = (value: string, context?: { arguments?: Record<string, string> }) => Promise<string[]>;

/** Names starting with `value` first, then those containing it (case-insensitive), sorted. */
export function matchNames(value: string, names: Iterable<string>): string[] {
  const needle = value.toLowerCase();
  const unique = [...new Set(names)].sort((a, b) => a.localeCompare(b));
  const starts = unique.filter((n) => n.toLowerCase().startsWith(needle));
  const contains = unique.filter((n) => !starts.includes(n) && n.toLowerCase().includes(needle));
  return [...starts, ...contains];
}

/** Completes `host` from the configured profiles (no engine is touched). */
export function hostCompleter(context: ToolContext): Completer {
  return async (value) => {
    try {
      const directory = await context.hosts();
      return matchNames(
        value,
        directory.list().map((h) => h.name),
      );
    } catch (error) {
      context.logger.debug({ err: error }, 'host completion failed');
      return [];
    }
  };
}

/**
 * Completes `container` from the names on the host already chosen (`host` in the
 * request's context), or on the default host. A host that does not answer in time
 * completes nothing: completion never fails loudly.
 */
export function containerCompleter(context: ToolContext): Completer {
  return async (value, complete) => {
    try {
      const directory = await context.hosts();
      const wanted = complete?.arguments?.host;
      const host =
        wanted && directory.list().some((h) => h.name === wanted) ? wanted : directory.defaultHost();
      const signal = AbortSignal.timeout(COMPLETE_TIMEOUT_MS);
      const engine = await directory.engine(host, { signal });
      // Shorter than the profile's deadline: a completion is typed interactively.
      const page = await engine.containers.list({ all: true, timeoutMs: COMPLETE_TIMEOUT_MS });
      return matchNames(
        value,
        page.items.map((c) => c.name),
      );
    } catch (error) {
      context.logger.debug({ err: error }, 'container completion failed');
      return [];
    }
  };
}

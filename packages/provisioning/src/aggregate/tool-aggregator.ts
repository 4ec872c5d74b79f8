import { describeError } from '@berth/errors';
import type { CallToolResult, Tool } from '@modelcontextprotocol/client';
import { type Logger, pino } from 'pino';
import { type MergedTools, mergeListed } from './merge-tools.js';
import {
  ERROR_CODE_META_KEY,
  type InterceptedCall,
  isRefusal,
  type ToolCallInterceptor,
} from './tool-call-interceptor.js';
import { createToolListCache, type ToolListCache } from './tool-list-cache.js';
import type { SourceCallOptions, ToolSource } from './tool-source.js';

export interface ToolAggregatorOptions {
  /** In the order their tools are listed; berth's own first by convention. */
  sources: readonly ToolSource[];
  /** Where lists survive a restart (default: none). */
  cache?: ToolListCache;
  /** Run around every call: `before` in order, `after` in reverse. */
  interceptors?: readonly ToolCallInterceptor[];
  logger?: Logger;
  /** Deadline of listing one source's tools (a server that must start first included). */
  listTimeoutMs?: number;
}

/** Every source's tools under one list, and calls routed back to their source. */
export interface ToolAggregator {
  /** The merged list: from memory, else the disk cache, else the sources (started if need be). */
  listTools(): Promise<Tool[]>;
  /** Calls a served name on its source, through the interceptors. Never throws: failures are `isError`. */
  callTool(name: string, args: Record<string, unknown>, options: SourceCallOptions): Promise<CallToolResult>;
  /**
   * The source a served name routes to, without calling anything: `reserved` for berth's
   * own tools. Undefined for a name no source serves.
   */
  sourceOf(name: string): Promise<{ source: string; reserved: boolean } | undefined>;
  /** Lists `source`'s tools again from the source itself; notifies listeners if they changed. */
  refresh(source: string): Promise<void>;
  /** Replaces the sources (a catalog reload); lists of removed or changed sources are dropped. */
  setSources(sources: readonly ToolSource[], changed?: readonly string[]): void;
  /** Whether `name` is a served name of the list last answered (for bounded metric labels). */
  hasTool(name: string): boolean;
  /** Called whenever the merged list may have changed; returns the unsubscribe. */
  onToolsChanged(listener: () => void): () => void;
  close(): void;
}

const errorResult = (text: string, code: string): CallToolResult => ({
  content: [{ type: 'text', text }],
  isError: true,
  _meta: { [ERROR_CODE_META_KEY]: code },
});

/**
 * Aggregates tools of berth and of other MCP servers. `tools/list` answers from memory or
 * the on-disk cache without starting any server; a server starts on the first call that
 * needs it (its source's job), and its real list then replaces the cached one. A source
 * that fails to list is left out of that answer (logged), never fatal to the others.
 */
export function createToolAggregator(options: ToolAggregatorOptions): ToolAggregator {
  const logger = options.logger ?? pino({ level: 'silent' });
  const cache = options.cache ?? createToolListCache(undefined);
  const interceptors = options.interceptors ?? [];
  const listTimeoutMs = options.listTimeoutMs ?? 30_000;
  const listeners = new Set<() => void>();
  let sources = [...options.sources];
  let unsubscribes: (() => void)[] = [];
  const lists = new Map<string, Tool[]>();
  /** Sources whose list in `lists` came from the source itself in this process. */
  const live = new Set<string>();
  const inFlight = new Map<string, Promise<Tool[] | undefined>>();
  let merged: MergedTools | undefined;
  let lastRoutes: ReadonlyMap<string, unknown> = new Map();
  /** The version each list in `lists` was saved under (cache) or fetched at (live). */
  const versions = new Map<string, string | undefined>();
  const loaded = cache.load().then(
    (cached) => {
      for (const [name, entry] of cached) {
        if (lists.has(name)) continue;
        lists.set(name, entry.tools);
        versions.set(name, entry.version);
      }
    },
    (error: unknown) => logger.warn({ err: error, path: cache.path }, 'tool list cache unreadable'),
  );

  const emit = () => {
    for (const listener of listeners) listener();
  };
  const persist = () => {
    const saved = new Map(
      [...lists]
        .filter(([name]) => !sources.find((s) => s.name === name)?.cheapList)
        .map(([name, tools]) => {
          const version = versions.get(name);
          return [name, { tools, ...(version !== undefined ? { version } : {}) }] as const;
        }),
    );
    cache
      .save(saved)
      .catch((error: unknown) =>
        logger.warn({ err: error, path: cache.path }, 'tool list cache not written'),
      );
  };
  const subscribe = () => {
    for (const off of unsubscribes) off();
    unsubscribes = sources.flatMap((source) =>
      source.onListChanged
        ? [
            source.onListChanged((kind) => {
              if (kind === 'tools') void aggregator.refresh(source.name);
            }),
          ]
        : [],
    );
  };

  /** The source's own list, one request at a time per source; undefined when it failed. */
  const fetchList = (source: ToolSource): Promise<Tool[] | undefined> => {
    const running = inFlight.get(source.name);
    if (running) return running;
    const started = performance.now();
    const fetching = source
      .listTools({ signal: AbortSignal.timeout(listTimeoutMs) })
      .then(
        (tools) => {
          logger.debug(
            { source: source.name, tools: tools.length, ms: Math.round(performance.now() - started) },
            'listed tools',
          );
          return tools;
        },
        (error: unknown) => {
          logger.warn({ source: source.name, err: error }, 'listing tools failed; the source is left out');
          return undefined;
        },
      )
      .finally(() => inFlight.delete(source.name));
    inFlight.set(source.name, fetching);
    return fetching;
  };

  /** Stores a list from its source; true when it differs from what was served. */
  const store = (name: string, tools: Tool[]): boolean => {
    const before = lists.get(name);
    live.add(name);
    versions.set(name, sources.find((s) => s.name === name)?.version);
    if (before && JSON.stringify(before) === JSON.stringify(tools)) return false;
    lists.set(name, tools);
    merged = undefined;
    return true;
  };

  const currentMerge = async (): Promise<MergedTools> => {
    await loaded;
    if (merged) return merged;
    let fetched = false;
    await Promise.all(
      sources.map(async (source) => {
        // A list cached for another definition of the server is not this server's.
        const current =
          lists.has(source.name) && (live.has(source.name) || versions.get(source.name) === source.version);
        if (current && !source.cheapList) return;
        const tools = await fetchList(source);
        if (tools) fetched = store(source.name, tools) || fetched;
      }),
    );
    if (fetched) persist();
    const { items, routes } = mergeListed(sources, lists);
    const result: MergedTools = { tools: items, routes };
    lastRoutes = result.routes;
    // A source that failed is tried again on the next list rather than cached as empty.
    if (sources.every((s) => lists.has(s.name))) merged = result;
    return result;
  };

  const aggregator: ToolAggregator = {
    async listTools() {
      return (await currentMerge()).tools;
    },

    async callTool(name, args, callOptions) {
      const route = (await currentMerge()).routes.get(name);
      const source = route && sources.find((s) => s.name === route.source);
      if (!route || !source)
        return errorResult(`Unknown tool '${name.slice(0, 128)}'; list the tools again.`, 'NOT_FOUND');
      let call: InterceptedCall = {
        name,
        source: route.source,
        tool: route.tool,
        arguments: args,
        caller: callOptions.caller,
        audited: source.audited === true,
      };
      for (const interceptor of interceptors) {
        if (!interceptor.before) continue;
        const next = await interceptor.before(call);
        if (isRefusal(next)) return errorResult(next.refuse, 'DENIED');
        call = next;
      }
      let result: CallToolResult;
      try {
        result = await source.callTool(call.tool, call.arguments, callOptions);
      } catch (error) {
        const described = describeError(error);
        result = errorResult(
          `${call.source}: ${described.message}${described.hint ? ` (${described.hint})` : ''}`,
          described.code,
        );
      }
      for (const interceptor of [...interceptors].reverse()) {
        if (interceptor.after) result = await interceptor.after(call, result);
      }
      // The first call started the server: its real list replaces the cached one.
      if (!live.has(source.name) && !source.cheapList) void aggregator.refresh(source.name);
      return result;
    },

    async sourceOf(name) {
      const route = (await currentMerge()).routes.get(name);
      const source = route && sources.find((s) => s.name === route.source);
      return source ? { source: source.name, reserved: source.reserved === true } : undefined;
    },

    async refresh(name) {
      const source = sources.find((s) => s.name === name);
      if (!source) return;
      const tools = await fetchList(source);
      if (tools && store(name, tools)) {
        persist();
        emit();
      }
    },

    setSources(next, changed = []) {
      const names = new Set(next.map((s) => s.name));
      for (const name of [...lists.keys()]) {
        if (!names.has(name) || changed.includes(name)) {
          lists.delete(name);
          live.delete(name);
          versions.delete(name);
        }
      }
      sources = [...next];
      merged = undefined;
      subscribe();
      persist();
      emit();
    },

    hasTool(name) {
      return lastRoutes.has(name);
    },

    onToolsChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },

    close() {
      for (const off of unsubscribes) off();
      unsubscribes = [];
      listeners.clear();
    },
  };
  subscribe();
  return aggregator;
}

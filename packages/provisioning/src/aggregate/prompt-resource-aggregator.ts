import type { GetPromptResult, Prompt, ReadResourceResult, Resource } from '@modelcontextprotocol/client';
import { type Logger, pino } from 'pino';
import type { ListChangedKind } from '../backend.js';
import { ProvisioningError } from '../provisioning-error.js';
import { mergeListed, type ToolRoute } from './merge-tools.js';
import type { SourceRequestOptions, ToolSource } from './tool-source.js';

export interface PromptResourceAggregatorOptions {
  sources: readonly ToolSource[];
  logger?: Logger;
  /** Deadline of listing one source's prompts or resources (a start included). */
  listTimeoutMs?: number;
  /** Applied to the text other servers answer (prompt messages, resource text). */
  maskText?: (text: string) => string;
}

/** The prompts and resources of every source that offers them, under one list each. */
export interface PromptResourceAggregator {
  /** Merged by the tools' rules: `server__prompt` where two servers offer one name. */
  listPrompts(): Promise<Prompt[]>;
  getPrompt(
    name: string,
    args: Record<string, string>,
    options?: SourceRequestOptions,
  ): Promise<GetPromptResult>;
  /** Every source's resources; a URI two sources list goes to the first. */
  listResources(): Promise<Resource[]>;
  readResource(uri: string, options?: SourceRequestOptions): Promise<ReadResourceResult>;
  /** Replaces the sources (a catalog reload); lists of removed or `changed` sources are dropped. */
  setSources(sources: readonly ToolSource[], changed?: readonly string[]): void;
  /** Called when a source's prompts or resources changed; returns the unsubscribe. */
  onListChanged(listener: (kind: 'prompts' | 'resources') => void): () => void;
  close(): void;
}

type Kind = 'prompts' | 'resources';

/**
 * Prompts and resources of other servers. Unlike tools they are not cached on disk: an
 * agent lists them rarely, and a list starts the servers it needs (each with a deadline;
 * one that fails is left out of that answer and asked again next time). A list is kept in
 * memory until its server says it changed. Texts are masked like tool results.
 */
export function createPromptResourceAggregator(
  options: PromptResourceAggregatorOptions,
): PromptResourceAggregator {
  const logger = options.logger ?? pino({ level: 'silent' });
  const listTimeoutMs = options.listTimeoutMs ?? 30_000;
  const mask = options.maskText ?? ((text: string) => text);
  let sources = [...options.sources];
  const prompts = new Map<string, Prompt[]>();
  const resources = new Map<string, Resource[]>();
  let promptRoutes = new Map<string, ToolRoute>();
  let resourceRoutes = new Map<string, string>();
  const listeners = new Set<(kind: Kind) => void>();
  let unsubscribes: (() => void)[] = [];

  const forget = (name: string, kind: ListChangedKind) => {
    if (kind === 'tools') return;
    (kind === 'prompts' ? prompts : resources).delete(name);
    for (const listener of listeners) listener(kind);
  };
  const subscribe = () => {
    for (const off of unsubscribes) off();
    unsubscribes = sources.flatMap((s) =>
      s.onListChanged ? [s.onListChanged((kind) => forget(s.name, kind))] : [],
    );
  };

  async function fill<T>(
    store: Map<string, T[]>,
    kind: Kind,
    list: (s: ToolSource) => Promise<T[]> | undefined,
  ) {
    await Promise.all(
      sources.map(async (source) => {
        if (store.has(source.name)) return;
        const listing = list(source);
        if (!listing) return;
        try {
          store.set(source.name, await listing);
        } catch (error) {
          logger.warn({ source: source.name, err: error }, `listing ${kind} failed; the source is left out`);
        }
      }),
    );
  }
  const sourceOf = (name: string) => {
    const source = sources.find((s) => s.name === name);
    if (!source) throw new ProvisioningError('NOT_FOUND', `no server ${name} in the catalog`);
    return source;
  };
  const maskContent = <T extends { type: string }>(block: T): T => {
    if (block.type === 'text') return { ...block, text: mask((block as unknown as { text: string }).text) };
    return block;
  };

  subscribe();
  return {
    async listPrompts() {
      await fill(prompts, 'prompts', (s) => s.listPrompts?.({ signal: AbortSignal.timeout(listTimeoutMs) }));
      const merged = mergeListed(sources, prompts);
      promptRoutes = merged.routes;
      return merged.items;
    },
    async getPrompt(name, args, requestOptions) {
      if (!promptRoutes.has(name)) await this.listPrompts();
      const route = promptRoutes.get(name);
      const source = route && sourceOf(route.source);
      if (!route || !source?.getPrompt)
        throw new ProvisioningError('NOT_FOUND', `no prompt ${name.slice(0, 128)}`);
      const result = await source.getPrompt(route.tool, args, requestOptions);
      return { ...result, messages: result.messages.map((m) => ({ ...m, content: maskContent(m.content) })) };
    },
    async listResources() {
      await fill(resources, 'resources', (s) =>
        s.listResources?.({ signal: AbortSignal.timeout(listTimeoutMs) }),
      );
      const routes = new Map<string, string>();
      const all: Resource[] = [];
      for (const source of sources) {
        for (const resource of resources.get(source.name) ?? []) {
          if (routes.has(resource.uri)) continue;
          routes.set(resource.uri, source.name);
          all.push(resource);
        }
      }
      resourceRoutes = routes;
      return all;
    },
    async readResource(uri, requestOptions) {
      if (!resourceRoutes.has(uri)) await this.listResources();
      const name = resourceRoutes.get(uri);
      const source = name === undefined ? undefined : sourceOf(name);
      if (!source?.readResource) throw new ProvisioningError('NOT_FOUND', `no resource ${uri.slice(0, 256)}`);
      const result = await source.readResource(uri, requestOptions);
      return {
        ...result,
        contents: result.contents.map((c) =>
          'text' in c && typeof c.text === 'string' ? { ...c, text: mask(c.text) } : c,
        ),
      };
    },
    setSources(next, changed = []) {
      const names = new Set(next.filter((s) => !changed.includes(s.name)).map((s) => s.name));
      for (const store of [prompts, resources])
        for (const name of [...store.keys()]) if (!names.has(name)) store.delete(name);
      sources = [...next];
      subscribe();
      for (const listener of listeners) {
        listener('prompts');
        listener('resources');
      }
    },
    onListChanged(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close() {
      for (const off of unsubscribes) off();
      unsubscribes = [];
      listeners.clear();
    },
  };
}

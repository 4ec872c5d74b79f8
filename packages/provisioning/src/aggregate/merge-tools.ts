import type { Tool } from '@modelcontextprotocol/client';
import { disambiguatedToolName, namespacedToolName, toMcpToolName } from './tool-name.js';
import type { ToolSource } from './tool-source.js';

/** One source's tools as it listed them, with how its names may appear. */
export interface SourceTools {
  /** The server's name in the catalog (`berth` for berth's own). */
  source: string;
  /** A prefix the catalog asks for: every tool of the source is `prefix__tool`. */
  prefix?: string | undefined;
  /** Reserved sources keep their names; any other source's tool of the same name is namespaced. */
  reserved?: boolean;
  tools: readonly Tool[];
}

/** Where a served name goes: the source and the tool's own name there. */
export interface ToolRoute {
  source: string;
  tool: string;
}

export interface MergedTools {
  /** What `tools/list` serves, each under its served name, in source order. */
  tools: Tool[];
  /** Served name → source and original name. */
  routes: Map<string, ToolRoute>;
}

/**
 * Merges the tools of several sources into one list whose names are unique and within
 * MCP's rules. A name offered by one source stays as it is; a name offered by two or more
 * (or by a reserved source, berth's own) is `server__tool` for every non-reserved source
 * that offers it. A collision is never fatal: whatever still clashes after that gets a
 * hash of its route, the same on every run, so the list and the on-disk cache agree.
 */
export function mergeTools(sources: readonly SourceTools[]): MergedTools {
  const { items, routes } = mergeNamed(sources.map((s) => ({ ...s, items: s.tools })));
  return { tools: items, routes };
}

/**
 * `mergeNamed` of the lists an aggregator holds by source name, in source order; a
 * source with no list (not listed yet, or its listing failed) is left out.
 */
export function mergeListed<T extends { name: string }>(
  sources: readonly Pick<ToolSource, 'name' | 'prefix' | 'reserved'>[],
  lists: ReadonlyMap<string, readonly T[]>,
): { items: T[]; routes: Map<string, ToolRoute> } {
  return mergeNamed(
    sources
      .filter((s) => lists.has(s.name))
      .map((s) => ({
        source: s.name,
        prefix: s.prefix,
        reserved: s.reserved === true,
        items: lists.get(s.name) ?? [],
      })),
  );
}

/** `mergeTools` for anything named: prompts are merged by the same rules. */
export function mergeNamed<T extends { name: string }>(
  sources: readonly (Omit<SourceTools, 'tools'> & { items: readonly T[] })[],
): { items: T[]; routes: Map<string, ToolRoute> } {
  const offeredBy = new Map<string, number>();
  const reserved = new Set<string>();
  for (const source of sources) {
    for (const name of new Set(source.items.map((t) => t.name))) {
      offeredBy.set(name, (offeredBy.get(name) ?? 0) + 1);
      if (source.reserved) reserved.add(name);
    }
  }
  const tools: T[] = [];
  const routes = new Map<string, ToolRoute>();
  for (const source of sources) {
    const seen = new Set<string>();
    for (const tool of source.items) {
      // A server that lists one name twice gets its first entry served.
      if (seen.has(tool.name)) continue;
      seen.add(tool.name);
      let served: string;
      if (source.reserved) served = toMcpToolName(tool.name);
      else if (source.prefix) served = namespacedToolName(source.prefix, tool.name);
      else if ((offeredBy.get(tool.name) ?? 0) > 1 || reserved.has(tool.name))
        served = namespacedToolName(source.source, tool.name);
      else served = toMcpToolName(tool.name);
      if (routes.has(served)) served = disambiguatedToolName(served, `${source.source}\0${tool.name}`);
      routes.set(served, { source: source.source, tool: tool.name });
      tools.push(served === tool.name ? tool : { ...tool, name: served });
    }
  }
  return { items: tools, routes };
}

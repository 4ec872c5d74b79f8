import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Tool } from '@modelcontextprotocol/client';

const VERSION = 1;

/** One server's cached list, with the version of the server's definition it came from. */
export interface CachedToolList {
  tools: Tool[];
  /** The source's `version` when the list was saved (a changed catalog entry invalidates it). */
  version?: string;
}

interface CacheFile {
  version: number;
  servers: Record<string, CachedToolList>;
}

/** Tool lists of servers kept on disk, so a new gateway answers tools/list before any server starts. */
export interface ToolListCache {
  /** Every server's cached list; empty when the file is missing or unreadable. */
  load(): Promise<Map<string, CachedToolList>>;
  /** Writes every server's list (replacing the file atomically). */
  save(lists: ReadonlyMap<string, CachedToolList>): Promise<void>;
  readonly path: string | undefined;
}

function isCacheFile(value: unknown): value is CacheFile {
  if (typeof value !== 'object' || value === null) return false;
  const file = value as CacheFile;
  return file.version === VERSION && typeof file.servers === 'object' && file.servers !== null;
}

function isTool(value: unknown): value is Tool {
  const tool = value as Tool;
  return (
    typeof tool === 'object' &&
    tool !== null &&
    typeof tool.name === 'string' &&
    typeof tool.inputSchema === 'object'
  );
}

/**
 * The tool-list cache in one JSON file (mode 0600), written to a temporary file and renamed
 * over the old one so a reader never sees half a file. A missing, corrupt or older-format
 * file reads as empty: the lists are then fetched from the servers, which is slower but
 * never wrong. `path` undefined keeps no cache.
 */
export function createToolListCache(path: string | undefined): ToolListCache {
  let writing: Promise<void> = Promise.resolve();
  return {
    path,
    async load() {
      if (path === undefined) return new Map();
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text === undefined) return new Map();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return new Map();
      }
      if (!isCacheFile(parsed)) return new Map();
      const lists = new Map<string, CachedToolList>();
      for (const [server, entry] of Object.entries(parsed.servers)) {
        if (!Array.isArray(entry?.tools) || !entry.tools.every(isTool)) continue;
        lists.set(server, {
          tools: entry.tools,
          ...(typeof entry.version === 'string' ? { version: entry.version } : {}),
        });
      }
      return lists;
    },
    save(lists) {
      if (path === undefined) return Promise.resolve();
      const file: CacheFile = { version: VERSION, servers: {} };
      for (const [server, entry] of lists) file.servers[server] = entry;
      const text = `${JSON.stringify(file)}\n`;
      // Saves run one after another so an older list never lands after a newer one.
      const write = writing.then(async () => {
        await mkdir(dirname(path), { recursive: true, mode: 0o700 });
        const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        try {
          await writeFile(temp, text, { mode: 0o600, flag: 'wx' });
          await rename(temp, path);
        } catch (error) {
          await unlink(temp).catch(() => {});
          throw error;
        }
      });
      writing = write.catch(() => {});
      return write;
    },
  };
}

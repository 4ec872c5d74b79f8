import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { extract, type Header as Headers } from 'tar-stream';

/** One entry of a directory tree, as a tar stream carries it; what a migration compares. */
export interface ManifestEntry {
  /** Relative to the tree's root (`.` is the root itself). */
  path: string;
  type: 'file' | 'directory' | 'symlink' | 'link' | 'other';
  /** Bytes of content (files only; 0 otherwise). */
  size: number;
  /** Permission bits and set-id/sticky bits. */
  mode: number;
  uid: number;
  gid: number;
  /** sha256 of the content, hex (files only). */
  sha256?: string;
  /** Target of a symlink or hard link (a hard link's target is relative to the root too). */
  target?: string;
}

/** Every entry of a tree in stream order, and the totals. */
export interface TreeManifest {
  entries: ManifestEntry[];
  files: number;
  /** Bytes of file content. */
  bytes: number;
  /** sha256 over the sorted entries: two trees with the same digest hold the same data. */
  digest: string;
}

/** Drops the archive's top-level name (docker names entries after the copied path). */
function relative(name: string): string {
  const clean = name.replace(/\/+$/, '');
  const slash = clean.indexOf('/');
  return slash === -1 ? '.' : clean.slice(slash + 1);
}

function kind(type: Headers['type']): ManifestEntry['type'] {
  if (type === 'file' || type === 'contiguous-file' || type == null) return 'file';
  if (type === 'directory' || type === 'symlink' || type === 'link') return type;
  return 'other';
}

function entryOf(header: Headers): ManifestEntry {
  const type = kind(header.type);
  const entry: ManifestEntry = {
    path: relative(header.name),
    type,
    size: type === 'file' ? (header.size ?? 0) : 0,
    mode: (header.mode ?? 0) & 0o7777,
    uid: header.uid ?? 0,
    gid: header.gid ?? 0,
  };
  if (type === 'symlink' && header.linkname) entry.target = header.linkname;
  if (type === 'link' && header.linkname) entry.target = relative(header.linkname);
  return entry;
}

/** The digest of a list of entries, independent of their order in the stream. */
export function manifestDigest(entries: readonly ManifestEntry[]): string {
  const hash = createHash('sha256');
  const sorted = [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const e of sorted) {
    hash.update(
      JSON.stringify([e.path, e.type, e.size, e.mode, e.uid, e.gid, e.sha256 ?? '', e.target ?? '']),
    );
    hash.update('\n');
  }
  return hash.digest('hex');
}

/**
 * Reads a tar stream to its end and returns the manifest of the tree it carries, hashing
 * each file's content as it passes: nothing is held but one entry's hash state, whatever
 * the size of the tree. `onBytes` hears the content bytes of each chunk.
 */
export async function readManifest(
  tar: Readable,
  options: { onBytes?: (bytes: number) => void } = {},
): Promise<TreeManifest> {
  const parser = extract();
  tar.on('error', (error) => parser.destroy(error));
  tar.pipe(parser);
  const entries: ManifestEntry[] = [];
  let bytes = 0;
  try {
    await readEntries(parser, entries, (n) => {
      bytes += n;
      options.onBytes?.(n);
    });
  } catch (error) {
    // A tar the parser refused must not keep its engine stream open.
    tar.destroy();
    throw error;
  }
  return {
    entries,
    files: entries.filter((e) => e.type === 'file').length,
    bytes,
    digest: manifestDigest(entries),
  };
}

async function readEntries(
  parser: ReturnType<typeof extract>,
  entries: ManifestEntry[],
  onBytes: (bytes: number) => void,
): Promise<void> {
  for await (const stream of parser) {
    const entry = entryOf(stream.header);
    const hash = entry.type === 'file' ? createHash('sha256') : undefined;
    for await (const piece of stream) {
      const chunk = piece as Buffer;
      hash?.update(chunk);
      onBytes(chunk.length);
    }
    if (hash) entry.sha256 = hash.digest('hex');
    entries.push(entry);
  }
}

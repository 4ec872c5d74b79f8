import { PassThrough, pipeline } from 'node:stream';
import type { HostEngine } from '@berth/engine';
import { TarTee } from './tar-tee.js';
import { readManifest, type TreeManifest } from './tree-manifest.js';

/** A path inside a stopped helper container on one engine. */
export interface TreeLocation {
  engine: HostEngine;
  container: string;
  /** Absolute path in the container. */
  path: string;
}

export interface TreeCopyOptions {
  signal: AbortSignal;
  /** Hears the content bytes as they pass. */
  onBytes?: (bytes: number) => void;
}

/**
 * Streams the tree at `from.path` into the directory `into` of `to.container`: one tar
 * stream read from one engine's archive API and written into the other's, hashed on the
 * way (the manifest of what was sent). Constant memory, whatever the size.
 */
export async function copyTree(
  from: TreeLocation,
  to: { engine: HostEngine; container: string; into: string },
  options: TreeCopyOptions,
): Promise<TreeManifest> {
  const source = await from.engine.containers.archive(from.container, from.path, { signal: options.signal });
  const side = new PassThrough();
  const hashing = readManifest(side, options.onBytes ? { onBytes: options.onBytes } : {});
  const tee = new TarTee(side);
  pipeline(source, tee, (error) => {
    if (error) side.destroy(error);
  });
  const uploading = to.engine.containers.putArchive(to.container, to.into, tee, { signal: options.signal });
  // Either side failing stops the other with its error: an upload whose body merely stopped would wait for its deadline.
  hashing.catch((error: Error) => tee.destroy(error));
  uploading.catch((error: Error) => source.destroy(error));
  const [manifest] = await Promise.all([hashing, uploading]);
  return manifest;
}

/** Reads the tree at `at.path` back and returns its manifest, for verification. */
export async function readTree(at: TreeLocation, options: TreeCopyOptions): Promise<TreeManifest> {
  const tar = await at.engine.containers.archive(at.container, at.path, { signal: options.signal });
  return readManifest(tar, options.onBytes ? { onBytes: options.onBytes } : {});
}

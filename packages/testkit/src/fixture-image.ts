import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dockerClient } from './docker-client.js';
import { withLock } from './lock.js';
import { log } from './log.js';
import { runCommand } from './run-command.js';

/** A locally built image, tagged by a hash of everything that goes into it. */
export interface FixtureImage {
  /** Short name: the tag is `berth-fixture/<name>:<hash>`. */
  readonly name: string;
  /** Everything the image is built from, as strings or bytes (hashed into the tag). */
  inputs(): Promise<Array<string | Buffer>>;
  /** Builds the image under `tag`. */
  build(tag: string): Promise<void>;
}

export interface EnsuredImage {
  tag: string;
  how: 'reused' | 'built';
  ms: number;
}

export async function fixtureTag(image: FixtureImage): Promise<string> {
  const hash = createHash('sha256');
  for (const input of await image.inputs()) hash.update(input).update('\0');
  return `berth-fixture/${image.name}:${hash.digest('hex').slice(0, 16)}`;
}

async function imageExists(tag: string): Promise<boolean> {
  try {
    await dockerClient().getImage(tag).inspect();
    return true;
  } catch {
    return false;
  }
}

/** Returns the image's tag, building it first unless an image with that tag exists. */
export async function ensureImage(image: FixtureImage): Promise<EnsuredImage> {
  const started = Date.now();
  const tag = await fixtureTag(image);
  if (await imageExists(tag)) return { tag, how: 'reused', ms: Date.now() - started };
  return withLock(`image-${image.name}`, 30 * 60_000, async () => {
    // Another process may have built it while this one waited for the lock.
    if (await imageExists(tag)) return { tag, how: 'reused' as const, ms: Date.now() - started };
    log(`building fixture image ${tag}`);
    await image.build(tag);
    const ms = Date.now() - started;
    log(`built ${tag} in ${(ms / 1000).toFixed(1)} s`);
    return { tag, how: 'built' as const, ms };
  });
}

/** A file of a build context; COPY keeps its mode, so executables say so. */
export type ContextFile = string | Buffer | { content: string | Buffer; mode: number };

/** Builds `tag` from a Dockerfile and extra context files, with the classic builder. */
export async function dockerBuild(
  tag: string,
  dockerfile: string,
  files: Record<string, ContextFile> = {},
): Promise<void> {
  const context = mkdtempSync(join(tmpdir(), 'berth-build-'));
  try {
    writeFileSync(join(context, 'Dockerfile'), dockerfile);
    for (const [name, file] of Object.entries(files)) {
      const { content, mode } =
        typeof file === 'string' || Buffer.isBuffer(file) ? { content: file, mode: 0o644 } : file;
      writeFileSync(join(context, name), content, { mode });
    }
    // The classic builder: the engine here (20.10) has no BuildKit frontend for the new CLI.
    await runCommand(['docker', 'build', '--force-rm', '--label', 'berth.fixture=1', '-t', tag, context], {
      timeoutMs: 20 * 60_000,
      env: { DOCKER_BUILDKIT: '0' },
    });
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

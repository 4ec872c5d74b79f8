import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { COMPOSE_LABELS } from '@berth/discovery';
import { type ContainerSummary, type HostEngine, isEngineError } from '@berth/engine';
import { existsOnHost, hostPath } from './host-paths.js';
import { MigrateError } from './migrate-error.js';
import type { MigrationPlan, MigrationStep, PlannedImage } from './migration-plan.js';
import { planMounts } from './plan-mounts.js';
import { planPorts } from './plan-ports.js';

/** One side of a migration: a host-bound engine and the host folders binds may use. */
export interface MigrationEndpoint {
  engine: HostEngine;
  /** The profile's bindRoots: bind mounts outside them are refused. */
  bindRoots: readonly string[];
}

export interface PlanMigrationInput {
  source: MigrationEndpoint;
  target: MigrationEndpoint;
  /** The compose project name. */
  project: string;
  /** The project directory on the source; the stack keeps it on the target. */
  directory: string;
  /** Compose files (absolute, or relative to `directory`); discovery finds them. */
  composeFiles: string[];
  /** Further files to carry, such as `.env`; default: `.env` when the source has one. */
  extraFiles?: string[];
  signal?: AbortSignal;
}

function fileList(directory: string, files: string[]): string[] {
  return files.map((file, i) =>
    hostPath(posix.isAbsolute(file) ? file : posix.join(directory, file), `files[${i}]`),
  );
}

async function imageFacts(
  source: HostEngine,
  target: HostEngine,
  ref: string,
  signal?: AbortSignal,
): Promise<PlannedImage> {
  const mine = await source.images.inspect(ref, { signal });
  const theirs = await target.images.inspect(ref, { signal }).catch((error: unknown) => {
    if (isEngineError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  });
  return { ref, id: mine.Id, sizeBytes: mine.Size, missingOnTarget: theirs === undefined };
}

/**
 * Finds what a migration of `project` would move and what stands in its way, reading both
 * engines and hosts and changing nothing: the stack's containers, named volumes (with
 * sizes), bind mounts (inside bindRoots?), images (missing on the target?), published
 * ports (taken on the target?), and the project's files.
 */
export async function planMigration(input: PlanMigrationInput): Promise<MigrationPlan> {
  const { source, target, project, signal } = input;
  const directory = hostPath(input.directory, 'directory');
  const call = signal ? { signal } : {};
  const listed = await source.engine.containers.list({
    all: true,
    filters: { label: { [COMPOSE_LABELS.project]: project } },
    ...call,
  });
  if (listed.items.length === 0) {
    throw new MigrateError(
      'NOT_FOUND',
      `${source.engine.profile}: no containers of compose project ${project}`,
      { project },
    );
  }
  const stack: ContainerSummary[] = listed.items;
  const blockers: string[] = [];
  const containers = stack.map((c) => ({
    id: c.id,
    name: c.name,
    service: c.labels[COMPOSE_LABELS.service] ?? c.name,
    image: c.image,
    running: c.state === 'running',
  }));

  const { volumes, binds } = await planMounts(stack, source, target, blockers, signal);

  const refs = [...new Set(stack.map((c) => c.image))];
  const images = await Promise.all(refs.map((ref) => imageFacts(source.engine, target.engine, ref, signal)));

  const ports = await planPorts(stack, source.engine, target.engine, blockers, signal);

  const composeFiles = fileList(directory, input.composeFiles);
  let extra = input.extraFiles ? fileList(directory, input.extraFiles) : [];
  if (!input.extraFiles && (await existsOnHost(source.engine, posix.join(directory, '.env'), signal))) {
    extra = [posix.join(directory, '.env')];
  }
  const files = [];
  for (const path of [...composeFiles, ...extra]) {
    if (!(await existsOnHost(source.engine, path, signal)))
      blockers.push(`${path} does not exist on ${source.engine.profile}`);
    const existsOnTarget = await existsOnHost(target.engine, path, signal);
    if (existsOnTarget) blockers.push(`${path} exists on ${target.engine.profile}`);
    files.push({ path, existsOnTarget });
  }
  const onTarget = await target.engine.containers.list({
    all: true,
    filters: { label: { [COMPOSE_LABELS.project]: project } },
    ...call,
  });
  if (onTarget.total > 0)
    blockers.push(`compose project ${project} has containers on ${target.engine.profile}`);

  const steps: MigrationStep[] = ['stop-source'];
  if (images.some((i) => i.missingOnTarget)) steps.push('copy-images');
  if (volumes.length > 0) steps.push('copy-volumes');
  if (binds.length > 0) steps.push('copy-binds');
  steps.push('copy-files', 'start-target');
  const knownBytes =
    volumes.reduce((sum, v) => sum + (v.sizeBytes ?? 0), 0) +
    images.filter((i) => i.missingOnTarget).reduce((sum, i) => sum + i.sizeBytes, 0);
  const facts = {
    project,
    source: source.engine.profile,
    target: target.engine.profile,
    directory,
    composeFiles,
    containers,
    volumes,
    binds,
    images,
    ports,
    files,
    knownBytes,
    steps,
    blockers,
  };
  const id = createHash('sha256').update(JSON.stringify(facts)).digest('hex').slice(0, 32);
  return { id, ...facts };
}

import { pruneContainers, pruneImages, pruneNetworks, pruneVolumes } from '@berth/engine';
import { z } from 'zod';
import { action, type HostCall } from '../framework/tool-spec.js';
import { type CleanupLevel, cleanupPlan, MIN_AGE_HOURS, toMb } from './cleanup-plan.js';
import { cleanupSnapshot } from './cleanup-snapshot.js';

const params = z.object({});
// A real boolean, and required: aggressive deletes volume data only when asked in so many words.
const VOLUMES_NEEDED =
  'aggressive deletes unused volumes (their data); pass volumes: true to mean it, or use moderate';
const withVolumes = z.object({
  // Not optional: an absent key must fail too (zod skips checks of absent optional keys).
  volumes: z
    .boolean({
      error: (issue) => (issue.input === undefined ? VOLUMES_NEEDED : 'volumes must be the boolean true'),
    })
    .refine((v) => v === true, VOLUMES_NEEDED),
});

const PRUNE_MS = 5 * 60_000;
const SHOWN = 5;

async function plan(level: CleanupLevel, call: HostCall) {
  const snapshot = await cleanupSnapshot(await call.docker(), call);
  return cleanupPlan(level, snapshot.df, snapshot.networks, {
    hours: MIN_AGE_HOURS,
    nowSeconds: snapshot.now,
  }).map((part) => ({
    kind: part.kind,
    count: part.names.length,
    mb: toMb(part.bytes),
    names: part.names.slice(0, SHOWN).join(', ') + (part.names.length > SHOWN ? ', …' : ''),
  }));
}

/** Prunes in the engine's order: containers first, so what they held becomes unused. */
async function prune(level: CleanupLevel, withVolumeData: boolean, call: HostCall) {
  const docker = await call.docker();
  const options = { signal: call.signal, timeoutMs: PRUNE_MS };
  const containers = await pruneContainers(docker, { ...options, filters: { until: `${MIN_AGE_HOURS}h` } });
  const networks = await pruneNetworks(docker, options);
  const images = await pruneImages(docker, { ...options, all: level !== 'safe' });
  const volumes = level === 'aggressive' && withVolumeData ? await pruneVolumes(docker, options) : undefined;
  const row = (kind: string, r: { removed: string[]; spaceReclaimedBytes: number }) => ({
    kind,
    removed: r.removed.length,
    mb: toMb(r.spaceReclaimedBytes),
  });
  return [
    row('containers', containers),
    row('networks', networks),
    row('images', images),
    ...(volumes ? [row('volumes', volumes)] : []),
  ];
}

function level(name: CleanupLevel, summary: string) {
  return action({
    summary,
    params: name === 'aggressive' ? withVolumes : params,
    target: () => name,
    plan: (_p, call) => plan(name, call),
    run: (p, call) => prune(name, (p as { volumes?: unknown }).volumes === true, call),
  });
}

/**
 * Frees disk on one host (actions of the destructive `remove` tool). Levels add up:
 * safe < moderate < aggressive; see cleanupPlan for exactly what each removes. `system`
 * action `cleanup` previews all three.
 */
export const cleanupActions = {
  cleanup_safe: level(
    'safe',
    'stopped containers created 24 h ago or more, dangling images, unused networks',
  ),
  cleanup_moderate: level('moderate', 'cleanup_safe, plus every image no container uses'),
  cleanup_aggressive: level('aggressive', 'cleanup_moderate, plus unused volumes (needs volumes: true)'),
};

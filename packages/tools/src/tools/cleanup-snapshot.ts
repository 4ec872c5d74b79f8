import type { HostCall } from '../framework/host-call.js';
import type { CleanupSnapshot } from './cleanup-plan.js';

/**
 * Two engine calls give everything a prune or cleanup plan needs: `/system/df` (every
 * container, image and volume, with sizes) and the network list. Both are asked at once,
 * so the plan sees one moment of the host.
 */
export async function cleanupSnapshot(call: HostCall): Promise<CleanupSnapshot> {
  const engine = await call.engine();
  const [df, networks] = await Promise.all([engine.system.diskUsageDetail(), engine.networks.list()]);
  return {
    containers: df.Containers,
    images: df.Images,
    volumes: df.Volumes,
    networks,
    now: new Date(),
  };
}

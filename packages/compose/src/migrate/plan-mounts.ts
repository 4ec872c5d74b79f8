import type { ContainerSummary } from '@berth/engine';
import { isEngineError } from '@berth/engine';
import { existsOnHost, hostPath, insideRootsOnHost } from './host-paths.js';
import type { PlannedBind, PlannedVolume } from './migration-plan.js';
import type { MigrationEndpoint } from './plan-migration.js';

/** Anonymous volumes are named by a 64-digit hex id; compose makes new ones. */
const ANONYMOUS = /^[0-9a-f]{64}$/;

/**
 * The named volumes (with their size on the source and whether the name is taken on the
 * target) and the bind-mounted paths (inside both profiles' bindRoots? present on the
 * target?) of a stack's containers. What stands in the way is added to `blockers`.
 */
export async function planMounts(
  stack: readonly ContainerSummary[],
  source: MigrationEndpoint,
  target: MigrationEndpoint,
  blockers: string[],
  signal?: AbortSignal,
): Promise<{ volumes: PlannedVolume[]; binds: PlannedBind[] }> {
  const call = signal ? { signal } : {};
  const df = await source.engine.system.diskUsageDetail(call);
  const volumes: PlannedVolume[] = [];
  const binds: PlannedBind[] = [];
  for (const c of stack) {
    for (const m of c.mounts) {
      if (
        m.type === 'volume' &&
        m.name &&
        !ANONYMOUS.test(m.name) &&
        !volumes.some((v) => v.name === m.name)
      ) {
        const found = df.Volumes?.find((v) => v.Name === m.name);
        const size = found?.UsageData?.Size ?? -1;
        const existsOnTarget = await target.engine.volumes.inspect(m.name, call).then(
          () => true,
          (error: unknown) => {
            if (isEngineError(error) && error.code === 'NOT_FOUND') return false;
            throw error;
          },
        );
        if (existsOnTarget) blockers.push(`volume ${m.name} exists on ${target.engine.profile}`);
        // A volume backed by other storage (a driver, or local options such as an NFS device)
        // would be recreated on the target as a plain one, or as a second mount of the same data.
        const { Driver: driver, Options: options } = await source.engine.volumes.inspect(m.name, call);
        if (driver !== 'local' || Object.keys(options ?? {}).length > 0) {
          blockers.push(
            `volume ${m.name} uses driver ${driver}${options ? ` with options ${Object.keys(options).join(', ')}` : ''}; berth moves plain local volumes only`,
          );
        }
        volumes.push({
          name: m.name,
          driver,
          labels: found?.Labels ?? {},
          sizeBytes: size < 0 ? null : size,
          helperImage: c.image,
          existsOnTarget,
        });
      }
      if (m.type === 'bind' && !binds.some((b) => b.path === m.source)) {
        const path = hostPath(m.source, 'bind source');
        // Symlinks resolved on each host: a link inside a root must not carry the copy out of it.
        const allowed =
          (await insideRootsOnHost(source.engine, source.bindRoots, path, signal)) &&
          (await insideRootsOnHost(target.engine, target.bindRoots, path, signal));
        if (!allowed)
          blockers.push(
            `bind ${path} is outside the bindRoots of ${source.engine.profile} or ${target.engine.profile}`,
          );
        const existsOnTarget = await existsOnHost(target.engine, path, signal);
        if (existsOnTarget) blockers.push(`${path} exists on ${target.engine.profile}`);
        binds.push({ path, helperImage: c.image, allowed, existsOnTarget });
      }
    }
  }

  return { volumes, binds };
}

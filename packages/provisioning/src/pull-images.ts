import { bindEngine, type EnginePool, isEngineError } from '@berth/engine';
import type { Catalog } from './catalog-schema.js';

export interface PulledImage {
  server: string;
  profile: string;
  image: string;
  /** `present`: already there, nothing pulled; `pulled`; `failed` with `error`. */
  outcome: 'present' | 'pulled' | 'failed';
  error?: string;
}

/**
 * Pulls up front, on each server's profile, the images of container servers that are not
 * there yet, so no call ever waits for (or triggers) a pull. Run it at deploy time or in
 * the background after the gateway answers; it never throws for one image's failure.
 */
export async function pullCatalogImages(
  catalog: Catalog,
  pool: EnginePool,
  options: { signal?: AbortSignal } = {},
): Promise<PulledImage[]> {
  const signal = options.signal ?? new AbortController().signal;
  const servers = Object.entries(catalog.servers).filter(([, s]) => s.image !== undefined);
  return Promise.all(
    servers.map(async ([server, entry]): Promise<PulledImage> => {
      const image = entry.image as string;
      const base = { server, profile: entry.profile, image };
      try {
        const host = bindEngine(await pool.acquire(entry.profile, { signal }), { signal });
        try {
          await host.images.inspect(image);
          return { ...base, outcome: 'present' };
        } catch (error) {
          if (!(isEngineError(error) && error.code === 'NOT_FOUND')) throw error;
        }
        await host.images.pull(image);
        return { ...base, outcome: 'pulled' };
      } catch (error) {
        return { ...base, outcome: 'failed', error: (error as Error).message };
      }
    }),
  );
}

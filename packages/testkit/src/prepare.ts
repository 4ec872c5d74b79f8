import { type EngineStatus, ensureEngine } from './engine-bootstrap.js';
import type { EnsuredImage } from './fixture-image.js';
import { ensureAllImages } from './fixtures/all-fixture-images.js';
import { log } from './log.js';
import { type SweepResult, sweepCount, sweepLeftovers } from './sweep.js';

export interface PrepareResult {
  engine: EngineStatus;
  images: Array<EnsuredImage & { name: string }>;
  swept: SweepResult;
}

/** Engine up, fixture images built or reused, leftovers of dead runs removed. */
export async function prepareTestbed(): Promise<PrepareResult> {
  const engine = await ensureEngine();
  log(`engine ${engine.how}: Docker ${engine.version} (API ${engine.apiVersion})`);
  const images = await ensureAllImages();
  for (const image of images)
    log(`fixture image ${image.tag}: ${image.how} (${(image.ms / 1000).toFixed(1)} s)`);
  const swept = await sweepLeftovers();
  log(`leftovers from earlier runs removed: ${sweepCount(swept)}`);
  return { engine, images, swept };
}

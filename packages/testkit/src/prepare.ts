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
  // Built images were reported while building; reused ones get one line.
  const reused = images.filter((image) => image.how === 'reused').map((image) => image.name);
  if (reused.length > 0) log(`fixture images reused: ${reused.join(', ')}`);
  const swept = await sweepLeftovers();
  log(`leftovers from earlier runs removed: ${sweepCount(swept)}`);
  return { engine, images, swept };
}

import { pipeline, Transform } from 'node:stream';
import { isEngineError } from '@berth/engine';
import { MigrateError } from './migrate-error.js';
import type { MigrationContext } from './migration-context.js';

/**
 * Moves each image the target lacks: the source engine's `save` stream straight into the
 * target's `load`, then checks the target has the same image id under the same name.
 */
export async function copyImages(ctx: MigrationContext): Promise<string[]> {
  const moved: string[] = [];
  for (const image of ctx.plan.images.filter((i) => i.missingOnTarget)) {
    // Present by now (loaded since the plan was made): not ours to load, nor to remove on rollback.
    const there = await ctx.target.engine.images
      .inspect(image.ref, { signal: ctx.signal })
      .catch((error: unknown) => {
        if (isEngineError(error) && error.code === 'NOT_FOUND') return undefined;
        throw error;
      });
    if (there) continue;
    ctx.report('copy-images', `moving image ${image.ref}`, image.ref);
    ctx.journal.record({ kind: 'image', side: 'target', ref: image.ref });
    const saved = await ctx.source.engine.images.save(image.ref, { signal: ctx.signal });
    const count = ctx.moved('copy-images', image.ref);
    // Counted in a stage of the pipe, not by a 'data' listener, which would let bytes flow before the upload reads.
    const counted = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        count(chunk.length);
        callback(null, chunk);
      },
    });
    pipeline(saved, counted, () => {});
    await ctx.target.engine.images.load(counted, { signal: ctx.signal });
    const loaded = await ctx.target.engine.images.inspect(image.ref, { signal: ctx.signal });
    if (loaded.Id !== image.id) {
      throw new MigrateError(
        'VERIFY_FAILED',
        `image ${image.ref} on ${ctx.target.engine.profile} is ${loaded.Id}, not ${image.id}`,
        {
          image: image.ref,
        },
      );
    }
    moved.push(image.ref);
  }
  return moved;
}

import { z } from 'zod';
import { action } from '../framework/tool-spec.js';
import { createdRow } from './created-label.js';
import { PullProgressSteps } from './pull-progress.js';
import { imageRef } from './refs.js';

/**
 * Pulling reaches a registry (open world). Pulling the same reference again changes
 * nothing unless the registry changed, so idempotent. Progress goes to clients that sent
 * a progressToken; cancelling the call aborts the pull in the engine (the engine client's
 * deadline for a pull is 10 minutes, not the profile's ordinary one).
 */
export const pullAction = action({
  summary: 'fetch `image` (repo[:tag] or repo@digest) from its registry; reports progress; cancellable',
  effect: 'add',
  idempotent: true,
  openWorld: true,
  params: z.object({ image: imageRef }),
  rows: createdRow,
  target: (p) => p.image,
  run: async (p, call) => {
    const engine = await call.engine();
    const steps = new PullProgressSteps();
    const sent: Promise<void>[] = [];
    const result = await engine.images.pull(p.image, {
      onProgress: (event) => {
        const step = steps.next(event);
        if (step) sent.push(call.progress(step.done, undefined, step.message));
      },
    });
    // Every notification goes out before the result: clients drop progress after it.
    await Promise.all(sent);
    return { name: result.ref, ...(result.digest ? { id: result.digest } : {}), note: result.status };
  },
});

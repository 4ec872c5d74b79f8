import { pullImage } from '@berth/engine';
import { z } from 'zod';
import { action, defineTool } from '../framework/tool-spec.js';
import { PullProgressSteps } from './pull-progress.js';
import { resourceRef } from './refs.js';

/**
 * Pulling reaches a registry (open world). Pulling the same reference again changes
 * nothing unless the registry changed, so idempotent. Progress goes to clients that
 * sent a progressToken; cancelling the call aborts the pull in the engine.
 */
export const imagePullTool = defineTool({
  name: 'image_pull',
  title: 'Pull image',
  description: 'Reports progress.',
  safety: 'write',
  idempotent: true,
  openWorld: true,
  actions: {
    pull: action({
      summary: 'pull `image` (repo[:tag] or repo@digest); progress notifications; cancellable',
      params: z.object({ image: resourceRef('image') }),
      target: (p) => p.image,
      run: async (p, call) => {
        const docker = await call.docker();
        const steps = new PullProgressSteps();
        const sent: Promise<void>[] = [];
        const result = await pullImage(docker, p.image, {
          signal: call.signal,
          onProgress: (event) => {
            const step = steps.next(event);
            if (step) sent.push(call.progress(step.done, undefined, step.message));
          },
        });
        // Every notification goes out before the result: clients drop progress after it.
        await Promise.all(sent);
        return { image: result.ref, digest: result.digest, status: result.status };
      },
    }),
  },
});

import type { PullProgress } from '@berth/engine';
import { humanSize } from './sizes.js';

export interface ProgressStep {
  /** Increases with every step (MCP requires it). */
  done: number;
  message: string;
}

/**
 * Turns the engine's pull stream into progress steps: one per phase of each layer
 * ("Pulling fs layer", "Downloading", "Pull complete", ...), not one per byte tick, so a
 * big pull sends dozens of notifications, not thousands.
 */
export class PullProgressSteps {
  private done = 0;
  private readonly last = new Map<string, string>();

  next(event: PullProgress): ProgressStep | undefined {
    const status = event.status;
    if (!status) return undefined;
    const key = event.id ?? '';
    if (this.last.get(key) === status) return undefined;
    this.last.set(key, status);
    this.done += 1;
    const detail = event.progressDetail?.total ? ` ${humanSize(event.progressDetail.total)}` : '';
    return { done: this.done, message: event.id ? `${event.id}: ${status}${detail}` : status };
  }
}

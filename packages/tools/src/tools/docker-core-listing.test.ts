import { describe, expect, it } from 'vitest';
import { listingBytes, toolListing } from '../framework/tool-listing.js';
import type { ToolSpec } from '../framework/tool-spec.js';
import { containerOpsTool } from './container-ops.js';
import { createTool } from './create.js';
import { removeTool } from './remove.js';

/** The listing with every description string dropped: what the schemas take by themselves. */
function skeletonBytes(specs: ToolSpec[]): number {
  const strip = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(strip);
    if (value === null || typeof value !== 'object') return value;
    const kept = Object.entries(value).filter(([k, v]) => !(k === 'description' && typeof v === 'string'));
    return Object.fromEntries(kept.map(([k, v]) => [k, strip(v)]));
  };
  return Buffer.byteLength(
    JSON.stringify(specs.map((s) => ({ ...(strip(toolListing(s)) as object), description: '' }))),
  );
}

describe('create, container_ops and remove in tools/list', () => {
  it('stay within their measured size', () => {
    const mine = [createTool, containerOpsTool, removeTool];
    const bytes = {
      create: listingBytes([createTool]),
      container_ops: listingBytes([containerOpsTool]),
      remove: listingBytes([removeTool]),
      all: listingBytes(mine),
      skeleton: skeletonBytes(mine),
    };
    process.stdout.write(`tools/list bytes: ${JSON.stringify(bytes)}\n`);
    // The share aimed at is 3,300 bytes, but the schemas alone (envelopes, hints, params and
    // one declared field per row field, every description empty) take more than that; this
    // caps the total and what the descriptions add on top, so growth has to be argued for.
    expect(bytes.all).toBeLessThanOrEqual(5_300);
    expect(bytes.all - bytes.skeleton).toBeLessThanOrEqual(2_000);
  });
});

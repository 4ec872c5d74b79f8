import { describe, expect, it } from 'vitest';
import { listingBytes, toolListing } from '../framework/tool-listing.js';
import type { ToolSpec } from '../framework/tool-spec.js';
import { resourcesTool } from './resources.js';
import { systemTool } from './system.js';

/** The listing with every description emptied: what the framework's schemas take by themselves. */
function skeletonBytes(spec: ToolSpec): number {
  const strip = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(strip)
      : value !== null && typeof value === 'object'
        ? Object.fromEntries(
            Object.entries(value)
              .filter(([k, v]) => !(k === 'description' && typeof v === 'string'))
              .map(([k, v]) => [k, strip(v)]),
          )
        : value;
  const listing = toolListing(spec);
  const bare = { ...(strip(listing) as object), description: '' };
  return Buffer.byteLength(JSON.stringify([bare]));
}

describe('system and resources in tools/list', () => {
  it('stay within their measured size', () => {
    const bytes = {
      system: listingBytes([systemTool]),
      resources: listingBytes([resourcesTool]),
      both: listingBytes([systemTool, resourcesTool]),
      skeleton: skeletonBytes(systemTool) + skeletonBytes(resourcesTool),
    };
    process.stdout.write(`tools/list bytes: ${JSON.stringify(bytes)}\n`);
    // The share aimed at is 3,100 bytes, but the schemas alone (envelopes, hints, params and
    // one declared field per row field, every description empty) take more than that; this
    // caps the total and what the descriptions add on top, so growth has to be argued for.
    expect(bytes.both).toBeLessThanOrEqual(6_500);
    expect(bytes.both - bytes.skeleton).toBeLessThanOrEqual(1_900);
  });
});

import { assertImageRef } from './input-guards.js';

/** An image reference in an engine path: slashes kept (the route expects them), each part escaped. */
export function imagePath(ref: string): string {
  return assertImageRef(ref)
    .split('/')
    .map((part) => encodeURIComponent(part))
    .join('/');
}

/** Splits `repo[:tag]` or `repo@digest`; the tag defaults to `latest` as the CLI does. */
export function splitImageRef(ref: string): { repository: string; tag?: string; digest?: string } {
  const at = ref.indexOf('@');
  if (at >= 0) return { repository: ref.slice(0, at), digest: ref.slice(at + 1) };
  const colon = ref.lastIndexOf(':');
  // A colon before the last slash belongs to a registry port, not a tag.
  if (colon > ref.lastIndexOf('/')) return { repository: ref.slice(0, colon), tag: ref.slice(colon + 1) };
  return { repository: ref, tag: 'latest' };
}

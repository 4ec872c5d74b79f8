import type { FetchLike } from '@modelcontextprotocol/client';

/** Statuses whose response can have no body (`new Response` refuses one for them). */
const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

/**
 * `base` with a signal of its own for every request, linked to the caller's until the
 * response body has been read, cancelled or failed.
 *
 * The SDK's HTTP client transports pass one signal, alive as long as the connection, to
 * every fetch. Node's fetch adds an abort listener to the signal it is given and drops it
 * only when the request is garbage-collected, so a gateway proxying thousands of calls to
 * one remote server piles up listeners on that signal (and prints MaxListenersExceeded
 * warnings). Here the connection's signal holds one listener while any request is in
 * flight and none after; aborting it still ends every request and every open event
 * stream, as before.
 */
export function ownSignalFetch(base: FetchLike): FetchLike {
  return async (url, init) => {
    const outer = init?.signal;
    if (!outer || outer.aborted) return base(url, init);
    const inner = new AbortController();
    const release = follow(outer, inner);
    let response: Response;
    try {
      response = await base(url, { ...init, signal: inner.signal });
    } catch (error) {
      release();
      throw error;
    }
    if (!response.body || NULL_BODY_STATUSES.has(response.status)) {
      release();
      return response;
    }
    const linked = new Response(releasingBody(response.body, release), {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
    // The SDK reads `url` to word an unfollowed redirect; a constructed Response has none.
    Object.defineProperty(linked, 'url', { value: response.url });
    return linked;
  };
}

/** The controllers that follow a signal, and its one listener that aborts them all. */
interface Followers {
  controllers: Set<AbortController>;
  onAbort: () => void;
}
const followersOf = new WeakMap<AbortSignal, Followers>();

/**
 * Makes `inner` abort when `outer` does, until the returned function is called. However
 * many requests are in flight, `outer` carries one listener (Node warns past ten), and
 * none once the last of them is released.
 */
function follow(outer: AbortSignal, inner: AbortController): () => void {
  const followers = followersOf.get(outer) ?? startFollowing(outer);
  followers.controllers.add(inner);
  return () => {
    if (!followers.controllers.delete(inner) || followers.controllers.size > 0) return;
    if (followersOf.get(outer) !== followers) return; // already aborted
    followersOf.delete(outer);
    outer.removeEventListener('abort', followers.onAbort);
  };
}

function startFollowing(outer: AbortSignal): Followers {
  const controllers = new Set<AbortController>();
  const onAbort = () => {
    followersOf.delete(outer);
    for (const controller of controllers) controller.abort(outer.reason);
  };
  const followers = { controllers, onAbort };
  followersOf.set(outer, followers);
  outer.addEventListener('abort', onAbort, { once: true });
  return followers;
}

/** `body` read through, calling `release` once it ends, fails or is cancelled. */
function releasingBody(body: ReadableStream<Uint8Array>, release: () => void): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (!done) return controller.enqueue(value);
        release();
        controller.close();
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
}

import {
  type FetchLike,
  SSEClientTransport,
  StreamableHTTPClientTransport,
} from '@modelcontextprotocol/client';
import type { RemoteSpec } from './catalog-schema.js';
import type { Launcher } from './mcp-instance.js';
import { ownSignalFetch } from './own-signal-fetch.js';
import { renderTemplate } from './template.js';

/**
 * A server reached over HTTP: Streamable HTTP, or the deprecated HTTP+SSE transport.
 * Headers are rendered at launch (`{{secrets.NAME}}` from the secrets, never the catalog)
 * and added to every request, the SSE stream's GET included, through one fetch wrapper,
 * which also gives each request a signal of its own (see ownSignalFetch).
 */
export function remoteLauncher(
  server: string,
  remote: RemoteSpec,
  config: Record<string, string | number | boolean>,
  secrets: ReadonlyMap<string, string>,
): Launcher {
  return async (signal) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(remote.headers)) {
      headers[name] = renderTemplate(value, { config, secrets }, `servers.${server}.remote.headers.${name}`);
    }
    const withHeaders: FetchLike = ownSignalFetch((url, init) => {
      const merged = new Headers(init?.headers);
      for (const [name, value] of Object.entries(headers)) merged.set(name, value);
      return fetch(url, { ...init, headers: merged });
    });
    signal.throwIfAborted();
    const url = new URL(remote.url);
    const transport =
      remote.transport === 'sse'
        ? new SSEClientTransport(url, { fetch: withHeaders })
        : new StreamableHTTPClientTransport(url, { fetch: withHeaders });
    return {
      transport,
      stop: async () => {
        if (transport instanceof StreamableHTTPClientTransport)
          await transport.terminateSession().catch(() => {});
        await transport.close();
      },
      describe: `${remote.transport} ${url.origin}${url.pathname}`,
    };
  };
}

import { isLoopback, type ListenAddress } from './listen-address.js';

/** Who may talk to the gateway, checked before any MCP parsing. */
export interface RequestGuardOptions {
  listen: ListenAddress;
  /** Extra `Host` header values (host or host:port) accepted besides the listen address. */
  allowedHosts?: readonly string[];
  /** Extra origins (`scheme://host[:port]`) accepted from browsers. */
  allowedOrigins?: readonly string[];
}

/** Why a request was refused, as the HTTP answer says it. */
export interface Refusal {
  status: number;
  message: string;
}

const hostOf = (value: string) => {
  // `[::1]:8811` → `::1`; `name:8811` → `name`.
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracket) return bracket[1] ?? '';
  return value.replace(/:\d+$/, '');
};

/**
 * Host and Origin checks against DNS rebinding: a page a browser loaded elsewhere must not
 * reach a gateway on loopback by pointing a name at 127.0.0.1. The Host must name the
 * listen address (or loopback, when listening there) or an allowed host; an Origin, when
 * a browser sends one, must be loopback (when listening there) or allowed. Clients that
 * are not browsers send no Origin.
 */
export function createRequestGuard(options: RequestGuardOptions) {
  const loopback = isLoopback(options.listen.host);
  const hosts = new Set([options.listen.host, ...(options.allowedHosts ?? [])].map((h) => h.toLowerCase()));
  const origins = new Set((options.allowedOrigins ?? []).map((o) => o.toLowerCase().replace(/\/$/, '')));
  const hostAllowed = (header: string) => {
    const value = header.toLowerCase();
    const name = hostOf(value);
    if (hosts.has(value) || hosts.has(name)) return true;
    // A gateway on 0.0.0.0 is reached by whatever name: only an allowlist can say which.
    return loopback && isLoopback(name);
  };
  return {
    check(headers: { get(name: 'host' | 'origin'): string | null }): Refusal | undefined {
      const host = headers.get('host');
      if (!host || !hostAllowed(host)) {
        return { status: 403, message: 'Host not allowed (add it with --allowed-host)' };
      }
      const origin = headers.get('origin');
      if (origin !== null) {
        let allowed = origins.has(origin.toLowerCase());
        if (!allowed && loopback) {
          try {
            allowed = isLoopback(new URL(origin).hostname);
          } catch {
            allowed = false;
          }
        }
        if (!allowed) return { status: 403, message: 'Origin not allowed (add it with --allowed-origin)' };
      }
      return undefined;
    },
  };
}

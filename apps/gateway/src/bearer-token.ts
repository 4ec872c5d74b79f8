import { hash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The token a client must send, and whether the gateway made it up (then it is shown once). */
export interface GatewayToken {
  token: string;
  generated: boolean;
}

/** `BERTH_GATEWAY_TOKEN` when set (at least 16 characters), else 32 random bytes in base64url. */
export function resolveGatewayToken(env: NodeJS.ProcessEnv = process.env): GatewayToken {
  const given = env.BERTH_GATEWAY_TOKEN?.trim();
  if (given) {
    if (given.length < 16) throw new Error('BERTH_GATEWAY_TOKEN must be at least 16 characters');
    return { token: given, generated: false };
  }
  return { token: randomBytes(32).toString('base64url'), generated: true };
}

// The one-shot hash: no Hash object per request, which the stream-based createHash builds.
const digest = (text: string) => hash('sha256', text, 'buffer');

/**
 * Whether an `Authorization` header carries `token` as a bearer token. Compared as
 * SHA-256 digests with `timingSafeEqual`, so neither the length nor any prefix of the
 * token shows in the time an answer takes.
 */
export function bearerMatches(header: string | null | undefined, token: string): boolean {
  return bearerCheck(token)(header);
}

/**
 * `bearerMatches` for one token, its digest computed once: the gateway checks every
 * request against the same token, so only the given token is hashed per request.
 */
export function bearerCheck(token: string): (header: string | null | undefined) => boolean {
  const expected = digest(token);
  return (header) => {
    const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
    const given = match?.[1] ?? '';
    return timingSafeEqual(digest(given), expected) && given.length > 0;
  };
}

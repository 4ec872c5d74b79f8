import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What a token is bound to: the same call on the same host with the same plan. */
export interface TokenSubject {
  tool: string;
  action: string;
  host: string;
  params: Record<string, unknown>;
  targets: readonly string[];
}

export type TokenCheck = { ok: true } | { ok: false; why: 'malformed' | 'expired' | 'changed' };

export interface ConfirmTokens {
  issue(subject: TokenSubject): string;
  check(token: string, subject: TokenSubject): TokenCheck;
  /** How long a token stays valid, in seconds (for messages). */
  readonly ttlSeconds: number;
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
  );
}

/** Digest of the plan's identity: sorted, so the engine's listing order does not matter. */
function digest(subject: TokenSubject): string {
  const body = { ...subject, targets: [...subject.targets].sort() };
  return createHash('sha256')
    .update(JSON.stringify(canonical(body)))
    .digest('base64url');
}

/**
 * Confirmation tokens for data-losing actions when the client cannot be asked: an HMAC over
 * the call and the plan's targets with an expiry, keyed by a secret of this process. No
 * state is kept; a token from another process, for another plan, or past its time fails.
 */
export function createConfirmTokens(
  options: { ttlSeconds?: number; now?: () => number } = {},
): ConfirmTokens {
  const key = randomBytes(32);
  const ttlSeconds = options.ttlSeconds ?? 300;
  const now = options.now ?? (() => Date.now());
  const sign = (expires: number, subject: TokenSubject) =>
    createHmac('sha256', key)
      .update(`${expires}.${digest(subject)}`)
      .digest('base64url');
  return {
    ttlSeconds,
    issue(subject) {
      const expires = Math.floor(now() / 1000) + ttlSeconds;
      return `${expires}.${sign(expires, subject)}`;
    },
    check(token, subject) {
      const match = /^(\d{1,12})\.([A-Za-z0-9_-]{43})$/.exec(token);
      if (!match) return { ok: false, why: 'malformed' };
      const expires = Number(match[1]);
      const given = Buffer.from(match[2] ?? '');
      const wanted = Buffer.from(sign(expires, subject));
      if (given.length !== wanted.length || !timingSafeEqual(given, wanted))
        return { ok: false, why: 'changed' };
      if (expires < Math.floor(now() / 1000)) return { ok: false, why: 'expired' };
      return { ok: true };
    },
  };
}

import { describe, expect, it } from 'vitest';
import { createConfirmTokens, type TokenSubject } from './confirm-tokens.js';

const subject: TokenSubject = {
  tool: 'remove',
  action: 'prune',
  host: 'local',
  params: { kind: 'container', label: ['a=b'] },
  targets: ['container 1', 'container 2', 'container 3'],
};

describe('confirm tokens', () => {
  it('accept the same plan, whatever order the engine listed it in', () => {
    const tokens = createConfirmTokens();
    const token = tokens.issue(subject);
    expect(tokens.check(token, subject)).toEqual({ ok: true });
    expect(tokens.check(token, { ...subject, targets: [...subject.targets].reverse() })).toEqual({
      ok: true,
    });
  });

  it('refuse a changed plan, other params, another host, and tokens of another process', () => {
    const tokens = createConfirmTokens();
    const token = tokens.issue(subject);
    const changed = { ok: false, why: 'changed' };
    expect(tokens.check(token, { ...subject, targets: [...subject.targets, 'container 4'] })).toEqual(
      changed,
    );
    expect(tokens.check(token, { ...subject, params: { kind: 'container' } })).toEqual(changed);
    expect(tokens.check(token, { ...subject, host: 'prod' })).toEqual(changed);
    expect(createConfirmTokens().check(token, subject)).toEqual(changed);
    expect(tokens.check('not-a-token', subject)).toEqual({ ok: false, why: 'malformed' });
  });

  it('expire', () => {
    let now = 1_000_000;
    const tokens = createConfirmTokens({ ttlSeconds: 60, now: () => now });
    const token = tokens.issue(subject);
    now += 61_000;
    expect(tokens.check(token, subject)).toEqual({ ok: false, why: 'expired' });
  });
});

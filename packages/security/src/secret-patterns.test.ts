import { describe, expect, it } from 'vitest';
import { maskSecretPatterns, SECRET_PATTERNS } from './secret-patterns.js';

const fill = (seed: string, n: number) => seed.repeat(Math.ceil(n / seed.length)).slice(0, n);
const MB = 1_000_000;

describe('maskSecretPatterns', () => {
  it.each([
    ['GitHub token', `ghp_${fill('aB3', 36)}`, 'ghp_***'],
    ['GitHub app token', `ghs_${fill('Zx9', 36)}`, 'ghs_***'],
    ['GitHub fine-grained token', `github_pat_${fill('Ab1', 22)}_${fill('Cd2', 59)}`, 'github_pat_***'],
    ['GitLab token', `glpat-${fill('xY7_', 20)}`, 'glpat-***'],
    ['Slack token', `xoxb-123456789012-123456789012-${fill('Qw', 24)}`, 'xoxb-***'],
    ['Slack app token', `xapp-1-A0123-${fill('Qw', 24)}`, 'xapp-***'],
    [
      'Slack webhook URL',
      `https://hooks.slack.com/services/T00000000/B00000000/${fill('Xy', 24)}`,
      'https://hooks.slack.com/services/***',
    ],
    ['AWS access key id', 'AKIAIOSFODNN7EXAMPLE', 'AKIA***'],
    ['AWS temporary key id', 'ASIAIOSFODNN7EXAMPLE', 'ASIA***'],
    ['Stripe key', `sk_live_${fill('4eC39', 24)}`, 'sk_live_***'],
    ['Stripe restricted key', `rk_test_${fill('4eC39', 24)}`, 'rk_test_***'],
    ['Stripe webhook secret', `whsec_${fill('Mk8', 32)}`, 'whsec_***'],
    ['npm token', `npm_${fill('Np3', 36)}`, 'npm_***'],
    ['Google API key', `AIza${fill('Sy-_9', 35)}`, 'AIza***'],
    ['JSON Web Token', 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0In0.c2lnbmF0dXJl', '***'],
  ])('%s: masked, its kind still readable', (_name, token, masked) => {
    expect(maskSecretPatterns(`use ${token} now`, '***')).toBe(`use ${masked} now`);
    expect(maskSecretPatterns(JSON.stringify({ v: token }), '***')).toBe(JSON.stringify({ v: masked }));
  });

  it.each([
    `ghp_${fill('a', 20)}`,
    `xghp_${fill('aB3', 36)}`,
    'AKIAIOSFODNN7EXAMPLEX',
    'sk_live_short',
    'eyJhbGciOi.notjwt.x',
    'npm_install',
    'https://hooks.slack.com/',
    'my-glpat-thing',
  ])('leaves look-alikes alone: %s', (text) => {
    expect(maskSecretPatterns(text, '***')).toBe(text);
  });

  it('every pattern is global with a kept group, and linear on 1 MB built against it', () => {
    const hostile = [
      'ghp_'.repeat(MB / 4),
      `ghp_${'a'.repeat(MB)}`,
      'github_pat_'.repeat(MB / 11),
      'glpat-'.repeat(MB / 6),
      'xoxb-'.repeat(MB / 5),
      'hooks.slack.com/services/'.repeat(MB / 25),
      `hooks.slack.com/services/${'/'.repeat(MB)}`,
      'AKIA'.repeat(MB / 4),
      'sk_live_'.repeat(MB / 8),
      'whsec_'.repeat(MB / 6),
      'npm_'.repeat(MB / 4),
      'AIza'.repeat(MB / 4),
      'eyJ'.repeat(MB / 3),
      `eyJ${'a'.repeat(MB)}.eyJ`,
      'eyJaaaa.eyJaaaa.'.repeat(MB / 16),
    ];
    for (const { pattern } of SECRET_PATTERNS) expect(pattern.flags).toContain('g');
    for (const input of hostile) expect(typeof maskSecretPatterns(input, '***')).toBe('string');
  });
});

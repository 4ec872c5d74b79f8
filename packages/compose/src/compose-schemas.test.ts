import { describe, expect, it } from 'vitest';
import { ComposeError } from './compose-error.js';
import { DownOptions, PsOptions, UpOptions } from './compose-schemas.js';
import { parseOptions, parseProject } from './parsed-options.js';

function invalid(call: () => unknown): ComposeError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(ComposeError);
    expect((error as ComposeError).code).toBe('INVALID');
    return error as ComposeError;
  }
  throw new Error('expected INVALID');
}

describe('option validation', () => {
  it('refuses the string "false" where a boolean belongs, and says what it got', () => {
    const error = invalid(() => parseOptions(DownOptions, { volumes: 'false' }, 'down options'));
    expect(error.message).toContain('volumes');
    expect(error.message).toContain('"false"');
    invalid(() => parseOptions(UpOptions, { build: 1 }, 'up options'));
    invalid(() => parseOptions(UpOptions, { pull: 'true' }, 'up options'));
  });

  it('refuses unknown keys rather than ignoring them', () => {
    const error = invalid(() => parseOptions(DownOptions, { volume: true }, 'down options'));
    expect(error.message).toContain('volume');
  });

  it('refuses service names that could be read as flags or hold odd characters', () => {
    for (const service of ['--volumes', '-v', '', 'a b', 'web;rm', 'x\n']) {
      invalid(() => parseOptions(PsOptions, { services: [service] }, 'ps options'));
    }
    expect(parseOptions(PsOptions, { services: ['web', 'db_1', 'api.v2'] }, 'ps options').services).toEqual([
      'web',
      'db_1',
      'api.v2',
    ]);
  });

  it('takes project names by compose rule and only absolute, ..-free host paths', () => {
    for (const name of ['Shop', '-x', '../x', 'a/b', '', '_x']) invalid(() => parseProject({ name }, 'ps'));
    for (const files of [['compose.yaml'], ['/srv/../etc/compose.yaml'], ['/srv/x\n.yaml']]) {
      invalid(() => parseProject({ name: 'shop', files }, 'ps'));
    }
    invalid(() => parseProject({ name: 'shop', directory: '-rf' }, 'ps'));
    expect(parseProject({ name: 'shop_1-a' }, 'ps')).toEqual({ name: 'shop_1-a', files: [] });
  });
});

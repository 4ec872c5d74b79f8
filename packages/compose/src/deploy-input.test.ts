import { describe, expect, it } from 'vitest';
import { envFileText, envValues } from './env-file.js';
import { stackProject } from './stack-project.js';

describe('stackProject', () => {
  it('puts a stack in <composePath>/<stack> and addresses it by its file and folder', () => {
    expect(stackProject('/srv/stacks/', 'shop')).toEqual({
      directory: '/srv/stacks/shop',
      project: { name: 'shop', files: ['/srv/stacks/shop/compose.yaml'], directory: '/srv/stacks/shop' },
    });
  });

  it('refuses names and paths that could leave composePath', () => {
    for (const stack of ['..', '../etc', 'a/b', '.hidden', '-rf', 'Shop', '']) {
      expect(() => stackProject('/srv/stacks', stack)).toThrow(expect.objectContaining({ code: 'INVALID' }));
    }
    for (const root of ['srv/stacks', '/srv/../etc', '']) {
      expect(() => stackProject(root, 'shop')).toThrow(expect.objectContaining({ code: 'INVALID' }));
    }
  });
});

describe('.env text', () => {
  it('writes values single-quoted so $, # and spaces stay literal', () => {
    expect(envFileText({ A: 'x $HOME # y', B: '' })).toBe("A='x $HOME # y'\nB=''\n");
    expect(envFileText('A=1')).toBe('A=1\n');
  });

  it('refuses keys and values it cannot write faithfully', () => {
    const bad: Record<string, string>[] = [{ 'A-B': 'x' }, { '1A': 'x' }, { A: "it's" }, { A: 'two\nlines' }];
    for (const env of bad) {
      expect(() => envFileText(env)).toThrow(expect.objectContaining({ code: 'INVALID' }));
    }
  });

  it('collects the values, for the masker', () => {
    expect(envValues({ A: 'one', B: 'two' })).toEqual(['one', 'two']);
    expect(envValues('A=\'one\'\n# note\nexport B="two"\nC=\n')).toEqual(['one', 'two']);
  });
});

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { busyboxImage, engineSuite, ensureImage, runCommand, testLabels } from '@berth/testkit';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bin, binEnv, runBin } from './run-bin.js';

/** Each shell loads `berth completion <shell>` and asks for what follows `berth logs ` and `--host `. */
const SCRIPTS = {
  bash: {
    file: 'probe.bash',
    argv: (file: string) => ['bash', '--norc', '--noprofile', file],
    text: `source <(berth completion bash)
COMP_WORDS=(berth logs ""); COMP_CWORD=2; _berth_complete; printf '%s\\n' "\${COMPREPLY[@]}"
echo ---
COMP_WORDS=(berth --host ""); COMP_CWORD=2; _berth_complete; printf '%s\\n' "\${COMPREPLY[@]}"
complete -p berth
`,
  },
  zsh: {
    file: 'probe.zsh',
    argv: (file: string) => ['zsh', '-f', file],
    text: `autoload -U compinit && compinit -u
source <(berth completion zsh)
print -r -- "registered: $_comps[berth]"
compadd() { [[ $1 == -a ]] && print -rl -- "\${(@P)2}"; }
words=(berth logs ""); CURRENT=3; _berth
print -- ---
words=(berth --host ""); CURRENT=3; _berth
`,
  },
  fish: {
    file: 'probe.fish',
    argv: (file: string) => ['fish', '--no-config', file],
    text: `berth completion fish | source
complete -C 'berth logs '
echo ---
complete -C 'berth --host '
`,
  },
};

engineSuite('completion scripts in bash, zsh and fish complete profile and container names', () => {
  let home: string;
  let env: Record<string, string>;
  const profile = `compl-${process.pid}`;
  const container = `berth-compl-${process.pid}`;

  beforeAll(async () => {
    const image = (await ensureImage(busyboxImage)).tag;
    home = await mkdtemp(join(tmpdir(), 'berth-compl-'));
    await mkdir(join(home, 'bin'));
    // `berth` on PATH, as an install puts it: the built bin itself.
    await symlink(bin, join(home, 'bin', 'berth'));
    const config = join(home, 'berth.yaml');
    await writeFile(config, `profiles:\n  local:\n    type: local\n  ${profile}:\n    type: local\n`);
    env = binEnv(home, { BERTH_CONFIG: config, PATH: `${join(home, 'bin')}:${process.env.PATH ?? ''}` });
    const labels = Object.entries(testLabels()).flatMap(([k, v]) => ['-l', `${k}=${v}`]);
    const run = await runBin(['run', '--name', container, ...labels, image, '--', 'sleep', '300'], { env });
    expect(run.code, run.stderr).toBe(0);
  }, 300_000);
  afterAll(async () => {
    await runBin(['rm', '--yes', '-f', container], { env });
    await rm(home, { recursive: true, force: true });
  });

  for (const [shell, probe] of Object.entries(SCRIPTS)) {
    it(`${shell} loads the script without errors and offers the names`, async () => {
      const file = join(home, probe.file);
      await writeFile(file, probe.text);
      const r = await runCommand(probe.argv(file), {
        env: { ...env, XDG_CONFIG_HOME: join(home, '.config') },
        timeoutMs: 60_000,
        check: false,
      });
      expect(r.stderr).toBe('');
      expect(r.exitCode).toBe(0);
      const [containers, profiles] = r.stdout.split('---\n') as [string, string];
      expect(containers.split('\n').map((l) => l.split('\t')[0])).toContain(container);
      expect(profiles.split('\n').map((l) => l.split('\t')[0])).toEqual(
        expect.arrayContaining(['local', profile]),
      );
      if (shell === 'zsh') expect(r.stdout).toContain('registered: _berth');
      if (shell === 'bash') expect(r.stdout).toContain('complete -o default -F _berth_complete berth');
    });
  }
});

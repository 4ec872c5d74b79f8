/**
 * Hostile strings for one input position (`slot`). Every payload that would run a command
 * if anything parsed it as shell, flags or a path writes a canary file named after the
 * run and the slot, so a canary found after the run says which input ran where.
 */
export class FuzzCanaries {
  /** File names start with this, in /tmp of every machine and container the fuzz reaches. */
  readonly prefix: string;

  constructor(readonly run: string) {
    this.prefix = `berth-canary-${run}`;
  }

  path(slot: string): string {
    return `/tmp/${this.prefix}-${slot.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 40)}`;
  }

  /** Names in a directory listing that are this run's canaries. */
  found(listing: string): string[] {
    return listing.split('\n').filter((name) => name.trim().includes(this.prefix));
  }

  payloads(slot: string): string[] {
    const c = this.path(slot);
    const touch = `touch ${c}`;
    // Shell parameter expansions, written as text (not template placeholders).
    const ifs = `$${'{IFS}'}`;
    return [
      // Shell metacharacters in every form a shell (local, remote over SSH, sh -c) would run.
      `; ${touch}`,
      `x;${touch}`,
      `$(${touch})`,
      `\`${touch}\``,
      `| ${touch}`,
      `|| ${touch}`,
      `&& ${touch}`,
      `& ${touch} &`,
      `\n${touch}`,
      `\r\n${touch}\n`,
      `x'; ${touch}; echo '`,
      `x"; ${touch}; echo "`,
      `'$(${touch})'`,
      `"$(${touch})"`,
      `$(touch${ifs}${c})`,
      `${ifs}${touch.replace(' ', ifs)}`,
      `> ${c}`,
      `>> ${c}`,
      `< /etc/passwd > ${c}`,
      `%0a${touch}`,
      `a\u0000; ${touch}`,
      `\u0000${touch}`,
      // A value in flag position: docker, ssh and compose flags that would run or widen.
      '--privileged',
      '-v/:/host',
      '--volume=/:/host',
      '--network=host',
      '--pid=host',
      `--entrypoint=${touch}`,
      `-oProxyCommand=${touch}`,
      `-o ProxyCommand=${touch}`,
      `-oLocalCommand=${touch}`,
      '-H tcp://127.0.0.1:1',
      '--help',
      '-rf',
      '--',
      '-',
      // Paths out of where they belong, and onto the canary itself.
      '../../etc/passwd',
      '../../../../../../etc/shadow',
      `../../../../../../${c.slice(1)}`,
      `${c}/../../../etc/passwd`,
      '/proc/self/environ',
      '..\\..\\windows\\win.ini',
      '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      // Templates and expansions of tools that format or expand.
      '{{json .}}',
      '{{.Config.Env}}',
      `$${'{HOME}'}`,
      '$HOME',
      '%s%s%s%n',
      '~root/.ssh/id_rsa',
      // Text that tries to forge output lines or terminal state.
      '\u202eexe.txt',
      '\u001b[31mred\u001b[0m\u001b]0;title\u0007',
    ];
  }
}

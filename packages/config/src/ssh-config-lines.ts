/** One `Keyword args...` line of an ssh_config file. */
export interface SshConfigLine {
  /** Lower-cased: ssh_config keywords are case-insensitive. */
  keyword: string;
  args: string[];
  line: number;
}

/** Splits arguments on whitespace, honouring double quotes as OpenSSH does. */
function splitArgs(rest: string): string[] {
  const args: string[] = [];
  let current = '';
  let quoted = false;
  let has = false;
  for (const char of rest) {
    if (char === '"') {
      quoted = !quoted;
      has = true;
    } else if (!quoted && /\s/.test(char)) {
      if (has) args.push(current);
      current = '';
      has = false;
    } else {
      current += char;
      has = true;
    }
  }
  if (has) args.push(current);
  return args;
}

/** Lines of an ssh_config: comments and blanks dropped; `Key=value` and `Key value` both accepted. */
export function parseSshConfigLines(text: string): SshConfigLine[] {
  const out: SshConfigLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const match =
      /^([A-Za-z][A-Za-z0-9]*)\s*(?:=\s*|\s+)(.*)$/.exec(line) ?? /^([A-Za-z][A-Za-z0-9]*)()$/.exec(line);
    if (!match) return;
    out.push({
      keyword: (match[1] as string).toLowerCase(),
      args: splitArgs(match[2] ?? ''),
      line: index + 1,
    });
  });
  return out;
}

/** OpenSSH pattern matching: `*` and `?` wildcards, `!` negates; a negated match vetoes. */
export function hostMatches(patterns: readonly string[], alias: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    const body = negated ? pattern.slice(1) : pattern;
    const regex = new RegExp(
      `^${body
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
      'i',
    );
    if (regex.test(alias)) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

export function isConcreteHost(pattern: string): boolean {
  return !/[*?!]/.test(pattern);
}

// `requirepass secret` (redis.conf, `CONFIG SET requirepass secret`, `--requirepass secret`):
// a directive and its value separated by blanks, which no key=value rule sees. The value is
// one quoted or bare word; every quantifier is bounded, so hostile input stays linear.
const DIRECTIVE =
  /(?<![A-Za-z0-9_])(requirepass|masterauth|masterpass)([ \t]{1,16})("(?:[^"\\\n]|\\.){1,4096}"|'[^'\n]{1,4096}'|[^\s"']{1,4096})/gi;

/** Masks the value of redis's password directives. */
export function maskDatabaseDirectives(text: string, mask: string): string {
  if (!/requirepass|masterauth|masterpass/i.test(text)) return text;
  return text.replace(DIRECTIVE, (_m, name: string, space: string) => `${name}${space}${mask}`);
}

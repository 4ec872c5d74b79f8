/** One problem found in the configuration, addressed by a dot path such as `profiles.prod.port`. */
export interface ConfigIssue {
  /** Dot path of the setting; `(file)` when the whole file is at fault. */
  path: string;
  /** What is wrong and, where it helps, what to do. */
  message: string;
  /** The file (or `env`) the offending value came from, when known. */
  source?: string;
}

/** `profiles.prod.port: expected a number from 1 to 65535 (in /etc/berth.yaml)`. */
export function formatIssue(issue: ConfigIssue): string {
  const where = issue.source ? ` (in ${issue.source})` : '';
  return `${issue.path}: ${issue.message}${where}`;
}

export function joinPath(parts: readonly (string | number)[]): string {
  return parts.map(String).join('.');
}

const NAME_LIKE = /^[A-Za-z0-9_][A-Za-z0-9 ._-]{0,39}$/;

/**
 * A key as messages may name it: only name-like keys are shown. A key is text of the file,
 * and a file that is not berth's (a symlinked /etc/shadow) has its content in its keys.
 */
export function shownKey(key: string): string | undefined {
  return NAME_LIKE.test(key) ? key : undefined;
}

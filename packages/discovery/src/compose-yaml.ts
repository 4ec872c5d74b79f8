import { LineCounter, parseDocument } from 'yaml';
import { DiscoveryError } from './discovery-error.js';

/** Aliases a file may expand: enough for real files, too few for an alias bomb. */
const MAX_ALIASES = 1_000;

/**
 * Parses a compose file's text with the `yaml` package: merge keys (`<<`) as compose allows
 * them, duplicate keys refused. A syntax error names the file, line and column. The top
 * level must be a mapping (an empty file is an empty mapping).
 */
export function parseComposeYaml(text: string, file: string): Record<string, unknown> {
  const lineCounter = new LineCounter();
  // prettyErrors off: its message quotes the file's text, which may hold a secret.
  const doc = parseDocument(text, { merge: true, uniqueKeys: true, prettyErrors: false, lineCounter });
  const error = doc.errors[0];
  if (error) {
    const pos = lineCounter.linePos(error.pos[0]);
    const at = pos ? `line ${pos.line}, column ${pos.col}` : 'unknown position';
    const reason = error.message.split('\n')[0];
    throw new DiscoveryError('INVALID_YAML', `${file}:${at}: ${reason}`, {
      file,
      ...(pos ? { line: pos.line, column: pos.col } : {}),
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (cause) {
    throw new DiscoveryError('INVALID_YAML', `${file}: ${(cause as Error).message}`, { file }, { cause });
  }
  if (value === null || value === undefined) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new DiscoveryError('INVALID_CONFIG', `(top level): expected a mapping (in ${file})`, {
      file,
      path: '',
    });
  }
  return value as Record<string, unknown>;
}

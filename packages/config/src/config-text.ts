import { parseDocument } from 'yaml';
import type { ConfigIssue } from './config-issue.js';

// The one module of the read side that needs the YAML parser: loading imports it only when
// a config file is there to parse, so a run without config files never loads YAML.

/** YAML 1.2 only (so `yes` stays a string), duplicate keys are errors, aliases are capped. */
export const YAML_PARSE_OPTIONS = { version: '1.2', uniqueKeys: true, prettyErrors: true } as const;
export const YAML_TOJS_OPTIONS = { maxAliasCount: 100 } as const;

/** The parser quotes tokens of the file in some messages; the file may not be berth's (a secret). */
function withoutText(message: string): string {
  return message.replace(/"[^"\n]*"/g, '(text not shown)');
}

/** Parses YAML text; syntax errors become `(file)` issues with line and column, never the file's text. */
export function parseConfigText(text: string, source: string): { data: unknown; errors: ConfigIssue[] } {
  const doc = parseDocument(text, YAML_PARSE_OPTIONS);
  if (doc.errors.length > 0) {
    const errors = doc.errors.map((error) => {
      const pos = error.linePos?.[0];
      const where = pos ? `line ${pos.line}, column ${pos.col}: ` : '';
      const first = error.message.split('\n')[0] ?? error.message;
      return {
        path: '(file)',
        message: `${where}${withoutText(first.replace(/ at line \d+, column \d+:?$/, ''))}`,
        source,
      };
    });
    return { data: undefined, errors };
  }
  try {
    return { data: doc.toJS(YAML_TOJS_OPTIONS), errors: [] };
  } catch (error) {
    // `Unresolved alias (...): name` ends in text of the file.
    const message = withoutText((error as Error).message.replace(/\): .*$/s, ')'));
    return { data: undefined, errors: [{ path: '(file)', message, source }] };
  }
}

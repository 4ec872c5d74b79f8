import { ComposeError } from './compose-error.js';

const KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A `.env` from variables: `KEY=value` lines, values single-quoted (compose reads them
 * literally, no interpolation) so `$`, `#` and spaces survive. A value holding a newline or
 * a single quote cannot be written that way and is refused rather than changed.
 */
export function envFileText(env: Record<string, string> | string): string {
  if (typeof env === 'string') return env.endsWith('\n') || env === '' ? env : `${env}\n`;
  const lines: string[] = [];
  for (const [key, value] of Object.entries(env)) {
    if (!KEY.test(key)) {
      throw new ComposeError(
        'INVALID',
        `env key ${JSON.stringify(key)}: use letters, digits and "_", not starting with a digit`,
        { operation: 'deploy' },
      );
    }
    if (typeof value !== 'string') {
      throw new ComposeError('INVALID', `env ${key}: expected a string`, { operation: 'deploy' });
    }
    if (/['\n\r\0]/.test(value)) {
      throw new ComposeError(
        'INVALID',
        `env ${key}: a value with a single quote, a newline or NUL cannot be written to .env`,
        { operation: 'deploy' },
      );
    }
    lines.push(`${key}='${value}'`);
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/** The values of the variables, for the masker: a deployed secret is masked wherever it shows up. */
export function envValues(env: Record<string, string> | string): string[] {
  if (typeof env !== 'string') return Object.values(env);
  return env
    .split('\n')
    .map((line) => /^\s*(?:export\s+)?[A-Za-z_][A-Za-z0-9_]*\s*=\s*(.*)$/.exec(line)?.[1]?.trim() ?? '')
    .map((v) => v.replace(/^(['"])(.*)\1$/, '$2'))
    .filter((v) => v !== '');
}

import { ProvisioningError } from './provisioning-error.js';

const LINE = /^\s*(?:export\s+)?([A-Za-z0-9_.-]{1,128})\s*[=:]\s*(.*?)\s*$/;

function unquote(value: string): string {
  if (value.length >= 2 && (value[0] === '"' || value[0] === "'") && value.at(-1) === value[0])
    return value.slice(1, -1);
  return value;
}

/**
 * A secrets file: `NAME=value` (or `NAME: value`) lines, `#` comments and blank lines.
 * Errors name the line number, never its text, since the text is a secret.
 */
export function parseSecrets(text: string, source: string): Map<string, string> {
  const secrets = new Map<string, string>();
  const lines = text.split(/\r?\n/);
  for (const [index, line] of lines.entries()) {
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const match = LINE.exec(line);
    if (!match) {
      throw new ProvisioningError('INVALID_CONFIG', `${source}: line ${index + 1} is not NAME=value`, {
        file: source,
      });
    }
    secrets.set(match[1] as string, unquote(match[2] as string));
  }
  return secrets;
}

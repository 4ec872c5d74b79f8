import { ProvisioningError } from './provisioning-error.js';

const TEMPLATE = /\{\{\s*([a-z]+)\.([A-Za-z0-9_.-]+)\s*\}\}/g;

export interface TemplateValues {
  config: Readonly<Record<string, string | number | boolean>>;
  /** Only where a secret may go (remote headers); absent elsewhere, so `{{secrets.X}}` in argv is refused. */
  secrets?: ReadonlyMap<string, string>;
}

/**
 * Replaces `{{config.KEY}}` (and `{{secrets.NAME}}` where allowed) in one catalog value.
 * A key the catalog does not define, an unknown namespace or a value with a control
 * character is CONFIG: a template never silently becomes empty text.
 */
export function renderTemplate(text: string, values: TemplateValues, where: string): string {
  return text.replace(TEMPLATE, (_match, space: string, key: string) => {
    let value: string | undefined;
    if (space === 'config') {
      const raw = values.config[key];
      value = raw === undefined ? undefined : String(raw);
    } else if (space === 'secrets' && values.secrets) {
      value = values.secrets.get(key);
    } else {
      throw new ProvisioningError('CONFIG', `${where}: {{${space}.${key}}} is not allowed here`);
    }
    if (value === undefined)
      throw new ProvisioningError('CONFIG', `${where}: {{${space}.${key}}} has no value`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
    if (/[\u0000-\u001f\u007f]/.test(value)) {
      throw new ProvisioningError(
        'CONFIG',
        `${where}: the value of {{${space}.${key}}} holds a control character`,
      );
    }
    return value;
  });
}

/** True when `text` holds a template. */
export function hasTemplate(text: string): boolean {
  TEMPLATE.lastIndex = 0;
  return new RegExp(TEMPLATE.source).test(text);
}

import { describeValue, SecurityError } from './security-error.js';

/** C0 controls (NUL, newline, CR, tab, ESC, ...) and DEL. */
function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

function fail(code: SecurityError['code'], what: string, value: unknown, reason: string): never {
  const shown = describeValue(value);
  throw new SecurityError(code, `Invalid ${what} ${shown}: ${reason}`, { what, value: shown });
}

/**
 * Refuses a value that a command would read as an option (leading `-`), or that cannot be
 * one argv element (NUL). Use before any user value reaches an argv position.
 */
export function assertNotFlag(value: unknown, what: string): asserts value is string {
  if (typeof value !== 'string') fail('INVALID_ARGUMENT', what, value, 'expected a string');
  if (value.includes('\0')) fail('CONTROL_CHARACTER', what, value, 'it contains a NUL byte');
  if (value.startsWith('-')) {
    fail('LOOKS_LIKE_FLAG', what, value, 'it starts with "-" and would be read as an option');
  }
}

/**
 * Container, volume, network and profile names (and container ids): 1-`maxLength` letters,
 * digits, `_`, `.`, `-`, starting with a letter or digit. Image references have their own
 * grammar: use `assertImageRef`.
 */
export function assertSafeName(
  value: unknown,
  what: string,
  options: { maxLength?: number } = {},
): asserts value is string {
  const maxLength = options.maxLength ?? 255;
  if (typeof value !== 'string') fail('INVALID_ARGUMENT', what, value, 'expected a string');
  if (value === '') fail('INVALID_ARGUMENT', what, value, 'it is empty');
  if (hasControlCharacter(value)) fail('CONTROL_CHARACTER', what, value, 'it contains a control character');
  if (value.startsWith('-')) {
    fail('LOOKS_LIKE_FLAG', what, value, 'it starts with "-" and would be read as an option');
  }
  if (value.length > maxLength) fail('INVALID_ARGUMENT', what, value, `it is longer than ${maxLength}`);
  if (!NAME.test(value)) {
    fail(
      'INVALID_ARGUMENT',
      what,
      value,
      'use letters, digits, "_", "." and "-", starting with a letter or digit',
    );
  }
}

// The reference grammar of the distribution spec (docker/distribution reference).
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const DOMAIN_COMPONENT = '[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[0-9A-Fa-f:]+\\])(?::[0-9]+)?`;
const NAME_PART = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9A-Fa-f]{32,}';
const IMAGE_REF = new RegExp(`^(${NAME_PART})(?::${TAG})?(?:@${DIGEST})?$`);
const MAX_REF_LENGTH = 512;
const MAX_NAME_LENGTH = 255;

/**
 * An image reference as Docker accepts it: `[registry[:port]/]repo[/more][:tag][@algo:hex]`,
 * or an image id (`sha256:<hex>` or hex). Never starts with `-`, never holds a control character.
 */
export function assertImageRef(value: unknown, what = 'image'): asserts value is string {
  if (typeof value !== 'string') fail('INVALID_ARGUMENT', what, value, 'expected a string');
  if (value === '') fail('INVALID_ARGUMENT', what, value, 'it is empty');
  if (hasControlCharacter(value)) fail('CONTROL_CHARACTER', what, value, 'it contains a control character');
  if (value.startsWith('-')) {
    fail('LOOKS_LIKE_FLAG', what, value, 'it starts with "-" and would be read as an option');
  }
  // The length check comes first so the pattern below only ever sees short input.
  if (value.length > MAX_REF_LENGTH) {
    fail('INVALID_IMAGE_REF', what, value, `it is longer than ${MAX_REF_LENGTH}`);
  }
  const match = IMAGE_REF.exec(value);
  if (!match) {
    fail(
      'INVALID_IMAGE_REF',
      what,
      value,
      'expected [registry/]repository[:tag][@digest], repository in lowercase (e.g. "debian:bookworm")',
    );
  }
  if ((match[1] ?? '').length > MAX_NAME_LENGTH) {
    fail('INVALID_IMAGE_REF', what, value, `the repository name is longer than ${MAX_NAME_LENGTH}`);
  }
}

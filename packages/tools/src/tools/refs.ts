import type { Masker } from '@berth/security';
import { z } from 'zod';

const NAME = /^[A-Za-z0-9][A-Za-z0-9_.:@/-]{0,254}$/;

const refs = new Map<string, z.ZodString>();

/**
 * A container, volume or network name or id. The pattern keeps shell metacharacters,
 * spaces, a leading `-` (flag position) and `..` out before anything reaches an engine.
 * One schema per `what` (zod schemas never change): actions that take the same ref then
 * share it, and `defineTool` sees one meaning without comparing JSON Schemas at load.
 */
export const resourceRef = (what: string): z.ZodString => {
  let ref = refs.get(what);
  if (!ref) {
    ref = z
      .string()
      .min(1)
      .max(255)
      .regex(NAME, `${what} must be a name or id (letters, digits, "_", ".", "-"), not starting with "-"`)
      .refine((v) => !v.includes('..'), `${what} must not contain ".."`);
    refs.set(what, ref);
  }
  return ref;
};

// Undescribed: in a container tool, `id` says enough (tools/list budget).
export const containerRef = resourceRef('id');

/**
 * Linux's PATH_MAX: a longer program name cannot run anyway. runc 1.1 (Debian 12's) never
 * returns from an exec or create whose missing program's name is 64 KiB or more (65,400
 * bytes fail at once, 65,536 hang), and dockerd then holds that container until runc is killed.
 */
const PROGRAM_PATH_MAX_BYTES = 4_096;

/**
 * A command as argv. A plain string is refused with a hint rather than split: no shell
 * ever parses it, so `;`, `$()` and quotes stay literal.
 */
export const argvParam = z
  .array(z.string().max(65_536), {
    error: 'must be an array of strings like ["ls","-l","/"]; a command line is not split (no shell)',
  })
  .min(1)
  .max(1_024)
  .refine((argv) => Buffer.byteLength(argv[0] ?? '') <= PROGRAM_PATH_MAX_BYTES, {
    message: `the first element names the program: at most ${PROGRAM_PATH_MAX_BYTES} bytes, the longest path Linux allows`,
  });

/** An image reference: `repo[:tag]`, `registry/repo:tag` or `repo@digest`. */
export const imageRef = z
  .string()
  .min(1)
  .max(512)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.:@/-]*$/, 'image must be a reference like nginx:1.27 or registry/repo:tag')
  .refine((v) => !v.includes('..'), 'image must not contain ".."');

/** `repo` means `repo:latest`, as the engine reads a reference without tag or digest. */
export function withTag(ref: string): string {
  return ref.includes('@') || ref.lastIndexOf(':') > ref.lastIndexOf('/') ? ref : `${ref}:latest`;
}

/** `KEY: value` pairs (env, labels); values reach the engine as data, never a shell. */
export const stringMap = z
  .record(z.string().min(1).max(256), z.string().max(65_536))
  .refine((m) => Object.keys(m).length <= 256, 'at most 256 entries');

/** A user name, uid or `user:group`. */
export const userParam = z
  .string()
  .max(128)
  .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]*(:[A-Za-z0-9_][A-Za-z0-9_.-]*)?$/, 'user: a name, uid or user:group');

/** An absolute path in the container. */
export const workdirParam = z
  .string()
  .max(4_096)
  .regex(/^\//, 'workdir must be an absolute path')
  .refine((v) => !v.includes('\0'), 'workdir must not contain NUL');

/** Values of secret-looking env keys become known secrets, so output echoing them is masked too. */
export function learnSecrets(env: Record<string, string> | undefined, masker: Masker): void {
  const values = Object.entries(env ?? {}).filter(([key]) => masker.isSecretKey(key));
  if (values.length > 0) masker.addSecrets(values.map(([, value]) => value));
}

/**
 * `volumes` of the `remove` tool: deleting volume data needs the boolean true, asked for
 * in so many words (the string "false" is refused, never read as yes).
 */
export const VOLUMES_DESCRIPTION =
  "true: also delete volume data (a container's anonymous volumes; cleanup_aggressive's unused ones)";

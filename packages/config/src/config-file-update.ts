import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { parseDocument } from 'yaml';
import { writeFileAtomic } from './atomic-write.js';
import { ConfigError } from './config-error.js';
import { readOwnedConfigFile } from './config-file-read.js';
import { formatIssue } from './config-issue.js';
import { isPlainObject, layerFromData } from './config-layer.js';
import { YAML_PARSE_OPTIONS, YAML_TOJS_OPTIONS } from './config-text.js';
import { deepEqual } from './deep-equal.js';
import { editYamlDocument } from './yaml-document-edit.js';
import { deletePlain, type EditOp, editYamlText, setPlain, UnsupportedEdit } from './yaml-text-edit.js';

export interface WriteResult {
  /** The file written. */
  file: string;
  /** False when the edit changed nothing, so nothing was written. */
  changed: boolean;
  /** The file did not exist before. */
  created: boolean;
  /** `surgical`: only the edited values changed; `reprinted`: the layout needed a whole-document print. */
  style: 'surgical' | 'reprinted' | 'none';
}

/**
 * The file as it is now. Only a regular file the current user owns is edited, never
 * through a symlink (the edit would land in whatever the link points to, /etc/shadow
 * included); a missing one is created, by a rename that replaces, never follows, a link.
 */
async function readCurrent(
  file: string,
): Promise<{ path: string; text: string; mode: number; created: boolean }> {
  const read = await readOwnedConfigFile(file);
  if (read.ok) return { path: file, text: read.text, mode: read.mode, created: false };
  if (read.reason === 'missing') return { path: file, text: '', mode: 0o600, created: true };
  if (read.reason === 'unreadable')
    throw new ConfigError('READ_FAILED', `cannot read ${file}: ${read.message}`, { file });
  const why =
    read.reason === 'symlink'
      ? 'is a symlink; berth writes only to a regular file it owns, never through a link (edit the target by hand, or pass its real path with --config)'
      : `${read.message}; berth writes only to a regular file the current user owns`;
  throw new ConfigError('UNEDITABLE', `${file} ${why}; nothing written`, { file });
}

function toData(text: string, file: string): Record<string, unknown> {
  const doc = parseDocument(text, YAML_PARSE_OPTIONS);
  if (doc.errors.length > 0) {
    const issues = doc.errors.map((e) => ({
      path: '(file)',
      message: e.message.split('\n')[0] ?? e.message,
      source: file,
    }));
    throw new ConfigError('INVALID_YAML', `${file} is not valid YAML; fix it by hand first`, {
      file,
      issues,
    });
  }
  const data = doc.toJS(YAML_TOJS_OPTIONS) as unknown;
  if (data === null || data === undefined) return {};
  if (!isPlainObject(data))
    throw new ConfigError('UNEDITABLE', `${file}: the top level is not a mapping`, { file });
  return data;
}

function applyPlain(data: Record<string, unknown>, ops: readonly EditOp[]) {
  return ops.reduce(
    (acc, op) => (op.kind === 'set' ? setPlain(acc, op.path, op.value) : deletePlain(acc, op.path)),
    data,
  );
}

/** The new text, surgically if possible; each candidate must read back as exactly `intended`. */
function render(text: string, ops: readonly EditOp[], intended: unknown, file: string) {
  const readsBack = (candidate: string) => {
    const doc = parseDocument(candidate, YAML_PARSE_OPTIONS);
    return doc.errors.length === 0 && deepEqual(doc.toJS(YAML_TOJS_OPTIONS) ?? {}, intended);
  };
  try {
    const surgical = ops.reduce((acc, op) => editYamlText(acc, op), text);
    if (readsBack(surgical)) return { text: surgical, style: 'surgical' as const };
  } catch (error) {
    if (!(error instanceof UnsupportedEdit)) throw error;
  }
  const reprinted = editYamlDocument(text, ops);
  if (readsBack(reprinted)) return { text: reprinted, style: 'reprinted' as const };
  throw new ConfigError(
    'VERIFY_FAILED',
    `${file}: the edit could not be written so that it reads back as intended`,
    {
      file,
    },
  );
}

/**
 * The one write path: read, compute ops from the current data, validate the result, render
 * while keeping comments and unrelated sections, write atomically, read back and compare.
 * Any failure leaves the original file untouched.
 */
export async function updateConfigFile(
  file: string,
  plan: (current: Record<string, unknown>) => EditOp[],
): Promise<WriteResult> {
  const current = await readCurrent(file);
  const data = toData(current.text, file);
  const ops = plan(structuredClone(data));
  const intended = applyPlain(data, ops);
  if (deepEqual(intended, data)) return { file: current.path, changed: false, created: false, style: 'none' };

  // Refuse only problems the edit would add, so an unrelated broken entry does not block every write.
  const before = new Set(layerFromData(data, file, { deep: true }).errors.map(formatIssue));
  const added = layerFromData(intended, file, { deep: true }).errors.filter(
    (i) => !before.has(formatIssue(i)),
  );
  if (added.length > 0) {
    throw new ConfigError(
      'INVALID_CONFIG',
      `refused, nothing written: ${added.map(formatIssue).join('; ')}`,
      {
        file,
        issues: added,
      },
    );
  }

  const next = render(current.text, ops, intended, file);
  // Inserted lines end in \n; a CRLF file keeps CRLF throughout.
  if (current.text.includes('\r\n')) next.text = next.text.replace(/\r?\n/g, '\r\n');
  if (current.created) await mkdir(dirname(current.path), { recursive: true, mode: 0o700 });
  else if ((await readCurrent(file)).text !== current.text) {
    throw new ConfigError(
      'CONFLICT',
      `${file} changed while it was being edited; nothing written, try again`,
      { file },
    );
  }
  await writeFileAtomic(current.path, next.text, { mode: current.mode });
  const readBack = await readFile(current.path, 'utf8');
  if (readBack !== next.text) {
    throw new ConfigError('VERIFY_FAILED', `${file} changed right after the write (another writer?)`, {
      file,
    });
  }
  return { file: current.path, changed: true, created: current.created, style: next.style };
}

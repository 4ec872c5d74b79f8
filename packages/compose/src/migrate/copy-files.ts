import { createHash } from 'node:crypto';
import { posix } from 'node:path';
import { StackFiles } from '../stack-files.js';
import { firstMissing } from './host-paths.js';
import { MigrateError } from './migrate-error.js';
import type { MigrationContext } from './migration-context.js';
import { runOrThrow } from './run-or-throw.js';

export interface CopiedFile {
  path: string;
  sha256: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * Copies the compose files and `.env` to the same paths on the target, over each host's
 * own connection (argv): read with `cat`, written owner-only first and given the
 * source's mode after, read back and compared by sha256. Text files only: compose
 * reads them as text.
 */
export async function copyFiles(ctx: MigrationContext): Promise<CopiedFile[]> {
  const from = ctx.source.engine;
  const to = ctx.target.engine;
  const copied: CopiedFile[] = [];
  for (const { path } of ctx.plan.files) {
    ctx.report('copy-files', `copying ${path}`, path);
    const created = await firstMissing(to, path, ctx.signal);
    if (created === undefined) {
      throw new MigrateError('CONFLICT', `${path} exists on ${to.profile} now; berth does not overwrite it`, {
        path,
      });
    }
    ctx.journal.record({ kind: 'path', side: 'target', path: created });
    const mode = (await runOrThrow(from, ['stat', '-c', '%a', path], ctx.signal)).stdout.trim();
    if (!/^[0-7]{3,4}$/.test(mode))
      throw new MigrateError('ENGINE', `${from.profile}: stat of ${path} said "${mode}"`, { path });
    const text = (await runOrThrow(from, ['cat', path], ctx.signal)).stdout;
    // Written owner-only (deploy's writer), given the source's mode after: `.env` holds secrets.
    const writer = new StackFiles(to, ctx.plan.project, ctx.signal);
    await writer.makeDirectory(posix.dirname(path));
    await writer.write(path, text);
    await runOrThrow(to, ['chmod', mode, path], ctx.signal);
    const back = (await runOrThrow(to, ['cat', path], ctx.signal)).stdout;
    if (sha256(back) !== sha256(text)) {
      throw new MigrateError(
        'VERIFY_FAILED',
        `${path} on ${to.profile} differs from the source after writing`,
        { path },
      );
    }
    ctx.moved('copy-files', path)(Buffer.byteLength(text));
    copied.push({ path, sha256: sha256(text) });
  }
  return copied;
}

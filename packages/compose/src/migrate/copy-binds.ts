import { posix } from 'node:path';
import { copyThroughHelpers } from './copy-through-helpers.js';
import { firstMissing, insideRootsOnHost } from './host-paths.js';
import { MigrateError } from './migrate-error.js';
import type { MigrationContext } from './migration-context.js';
import { runOrThrow } from './run-or-throw.js';
import type { CopiedTree } from './verified-copy.js';

const SOURCE = '/berth-migrate/source';
const TARGET = '/berth-migrate/target';

/**
 * Copies each bind-mounted host path to the same path on the target: a helper on the
 * source binds the path, one on the target binds its parent (created first, and
 * journalled from the topmost folder that did not exist), the tree streams across and
 * is verified read back. A path that exists on the target is never merged into.
 */
export async function copyBinds(ctx: MigrationContext): Promise<CopiedTree[]> {
  const copied: CopiedTree[] = [];
  const { engine } = ctx.target;
  for (const bind of ctx.plan.binds) {
    ctx.report('copy-binds', `copying ${bind.path}`, bind.path);
    const created = await firstMissing(engine, bind.path, ctx.signal);
    if (created === undefined) {
      throw new MigrateError(
        'CONFLICT',
        `${bind.path} exists on ${engine.profile} now; berth does not merge into it`,
        {
          path: bind.path,
        },
      );
    }
    ctx.journal.record({ kind: 'path', side: 'target', path: created });
    const parent = posix.dirname(bind.path);
    await runOrThrow(engine, ['mkdir', '-p', parent], ctx.signal);
    // Again now, on the target: a symlink made since the plan must not carry the copy out of bindRoots.
    if (!(await insideRootsOnHost(engine, ctx.target.bindRoots, parent, ctx.signal))) {
      throw new MigrateError('DENIED', `${parent} on ${engine.profile} resolves outside its bindRoots`, {
        path: parent,
      });
    }
    const base = posix.basename(bind.path);
    const inSource = posix.join(SOURCE, base);
    copied.push(
      await copyThroughHelpers(ctx, {
        item: bind.path,
        label: bind.path,
        step: 'copy-binds',
        image: bind.helperImage,
        source: {
          mount: { type: 'bind', source: bind.path, target: inSource, readOnly: true },
          path: inSource,
        },
        target: {
          mount: { type: 'bind', source: parent, target: TARGET },
          path: posix.join(TARGET, base),
          into: TARGET,
        },
      }),
    );
  }
  return copied;
}

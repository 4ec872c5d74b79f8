import type { ProfileInput, ProfilePatch } from '@berth/config';
import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import { action } from '../framework/tool-spec.js';

// ProfileName's own long description would cost tools/list bytes; same rule, checked again on write.
const name = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    '1-63 letters, digits, ".", "_" or "-", starting with a letter or digit',
  )
  .describe('Profile name');
// Checked by @berth/config's own schema on write; advertised as a bare described value.
const fields = z
  .custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'profile must be an object of profile fields',
  )
  .describe('Profile fields: type (local|ssh|tcp), host, user, port, identityFile, readOnly, …');

const row = z.object({
  name: z.string(),
  done: z.string(),
  file: z.string().optional(),
  host: z.string().optional(),
  clearedDefault: z.boolean().optional(),
});

// The writers bring the whole YAML library: load them on the first write, never at start
// (tools/list must not parse them; the server's cold start is measured by bench/).
const configWriters = () => import('@berth/config');

/** Host-key checks can be turned off by hand in the file, never by an agent. */
function refuseInsecure(profile: Record<string, unknown>): void {
  if (profile.hostKeyPolicy === 'insecure-ignore') {
    throw new ToolError(
      'INVALID',
      'hostKeyPolicy insecure-ignore turns host-key checks off; a person must set it in the config file',
    );
  }
}

/** Writes through @berth/config (atomic, comment-preserving), then reloads so the next call sees it. */
async function write<T>(
  call: HostCall,
  change: (file: string) => Promise<T>,
): Promise<{ file: string; result: T }> {
  const file = await call.config.writeTarget();
  const result = await change(file);
  await call.config.reload();
  return { file, result };
}

/**
 * Edits the host profiles of berth's config file. Acts on berth's config, not on an
 * engine (no `host`). Editing and removing are not additive; removing loses the profile,
 * so it answers with a plan and a confirmation token first.
 */
export const hostConfigTool = defineTool({
  name: 'host_config',
  title: 'Host profiles',
  intro: "Edits berth's host profiles (the config file); applied at once, no engine is touched.",
  toolset: 'hosts',
  actions: {
    add: action({
      summary: 'add profile `name` with `profile` fields',
      effect: 'add',
      idempotent: true,
      configOnly: true,
      params: z.object({ name, profile: fields }),
      rows: row,
      target: (p) => p.name,
      run: async (p, call) => {
        refuseInsecure(p.profile);
        const { file } = await write(call, async (f) =>
          (await configWriters()).addProfile(f, p.name, p.profile as ProfileInput),
        );
        return { name: p.name, done: 'added', file };
      },
    }),
    edit: action({
      summary: 'change only the given `profile` fields of `name` (null removes a field)',
      effect: 'change',
      idempotent: true,
      configOnly: true,
      params: z.object({ name, profile: fields }),
      rows: row,
      target: (p) => p.name,
      run: async (p, call) => {
        refuseInsecure(p.profile);
        const { file, result } = await write(call, async (f) =>
          (await configWriters()).editProfile(f, p.name, p.profile as ProfilePatch),
        );
        return { name: p.name, done: result.changed ? 'edited' : 'unchanged', file };
      },
    }),
    remove: action({
      summary: 'remove profile `name` (plan and confirm_token first)',
      effect: 'lose',
      idempotent: true,
      configOnly: true,
      params: z.object({ name }),
      rows: row,
      target: (p) => p.name,
      plan: async (p, call) => {
        const file = await call.config.writeTarget();
        return {
          rows: [{ name: p.name, done: 'would remove', file }],
          targets: [`profile ${p.name} in ${file}`],
        };
      },
      run: async (p, call) => {
        const { file, result } = await write(call, async (f) =>
          (await configWriters()).removeProfile(f, p.name),
        );
        return {
          name: p.name,
          done: 'removed',
          file,
          ...(result.clearedDefault ? { clearedDefault: true } : {}),
        };
      },
    }),
    import: action({
      summary: 'import Host entries of ~/.ssh/config as profiles: `aliases` "a,b", or "*" for all',
      effect: 'add',
      idempotent: true,
      configOnly: true,
      params: z.object({
        aliases: z
          .string()
          .regex(
            /^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,62}(,[A-Za-z0-9][A-Za-z0-9._-]{0,62}){0,99})$/,
            'aliases: "*" or Host aliases "a,b"',
          ),
      }),
      rows: row,
      target: (p) => p.aliases,
      run: async (p, call) => {
        const select = p.aliases === '*' ? {} : { select: p.aliases.split(',') };
        const read = await (await configWriters()).importSshConfig({
          env: call.config.env,
          home: call.config.home,
          ...select,
        });
        const found = Object.keys(read.profiles);
        if (found.length === 0) {
          const why = read.warnings.map((w) => `${w.path}: ${w.message}`).join('; ');
          throw new ToolError('NOT_FOUND', `Nothing to import from ~/.ssh/config${why ? ` (${why})` : ''}`);
        }
        const { file, result } = await write(call, async (f) =>
          (await configWriters()).writeImportedProfiles(f, read.profiles),
        );
        return found.map((n) => ({
          name: n,
          done: result.clashes.includes(n) ? 'exists, kept' : 'imported',
          host: read.profiles[n]?.host,
          file,
        }));
      },
    }),
  },
});

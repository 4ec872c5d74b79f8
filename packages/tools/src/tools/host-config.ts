import type { ProfileInput, ProfilePatch } from '@berth/config';
import { z } from 'zod';
import type { HostConfigStore } from '../framework/tool-backend.js';
import { ToolError } from '../framework/tool-error.js';
import { action, defineTool, type HostCall } from '../framework/tool-spec.js';

// ProfileName's own long description would cost tools/list bytes; same rule, checked again on write.
const name = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    '1-63 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );
// Checked by @berth/config's own schema on write; advertised as a bare described value.
const fields = z
  .custom<Record<string, unknown>>(
    (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
    'profile must be an object of profile fields',
  )
  .describe('{type,host,user,…}');

// The writers bring the whole YAML library: load them on the first write, never at start
// (tools/list must not parse them; the server's cold start is measured by bench/).
const configWriters = () => import('@berth/config');

function store(call: HostCall): HostConfigStore {
  if (!call.host.config) throw new ToolError('INVALID', 'This server has no writable config file');
  return call.host.config;
}

/** Host-key checks can be turned off by hand in the file, never by an agent. */
function refuseInsecure(profile: Record<string, unknown>): void {
  if (profile.hostKeyPolicy === 'insecure-ignore') {
    throw new ToolError(
      'INVALID',
      'hostKeyPolicy insecure-ignore turns host-key checks off; set it by hand in the config file if you must',
    );
  }
}

/** Writes through @berth/config (atomic, comment-preserving), then reloads so the next call sees it. */
async function write<T>(
  call: HostCall,
  change: (file: string) => Promise<T>,
): Promise<{ file: string; result: T }> {
  const config = store(call);
  const file = await config.writeTarget();
  const result = await change(file);
  await config.reload();
  return { file, result };
}

/**
 * Edits the host profiles of the config file in use. Changes config, not engines; each
 * action repeated with the same arguments has no further effect (or fails: exists, missing).
 */
export const hostConfigTool = defineTool({
  name: 'host_config',
  title: 'Host profiles',
  description: 'Applied at once.',
  safety: 'write',
  idempotent: true,
  actions: {
    add: action({
      summary: 'add a profile (`profile`: type, host, user, port, identityFile, …)',
      params: z.object({ name, profile: fields }),
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
      summary: 'change only the given fields (null removes one)',
      params: z.object({ name, profile: fields }),
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
      summary: 'remove a profile',
      params: z.object({ name }),
      target: (p) => p.name,
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
      summary: 'import Host entries of ~/.ssh/config: `name` "a,b", or "*" for all',
      params: z.object({
        name: z
          .string()
          .regex(
            /^(\*|[A-Za-z0-9][A-Za-z0-9._-]{0,62}(,[A-Za-z0-9][A-Za-z0-9._-]{0,62}){0,99})$/,
            'name: "*" or Host aliases "a,b"',
          ),
      }),
      target: (p) => p.name,
      run: async (p, call) => {
        const config = store(call);
        const select = p.name === '*' ? {} : { select: p.name.split(',') };
        const read = await (await configWriters()).importSshConfig({
          env: config.env,
          home: config.home,
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

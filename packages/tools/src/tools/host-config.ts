import { dirname, resolve } from 'node:path';
import type { ProfileInput, ProfilePatch } from '@berth/config';
import { thisMachineNames } from '@berth/config/lite';
import { z } from 'zod';
import { defineTool } from '../framework/define-tool.js';
import type { HostCall } from '../framework/host-call.js';
import { ToolError } from '../framework/tool-error.js';
import { action } from '../framework/tool-spec.js';
import {
  applyPatch,
  refusal,
  refuseLooseNew,
  refuseLoosening,
  refuseUnsafeValues,
  SAFETY_FIELDS,
} from './profile-leash.js';
import { tightenForTwins } from './profile-twins.js';

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

type Fields = Record<string, unknown>;

/**
 * What judging a profile change needs: the profiles the server loaded (never the call's
 * host: the profile edited is the one that restrains), and paths resolved as the loader
 * resolves them for the file written.
 */
async function leash(call: HostCall) {
  const { expandHome } = await configWriters();
  const file = await call.config.writeTarget();
  return {
    profiles: call.config.profiles() as Readonly<Record<string, Fields>>,
    pathOf: (value: string) => resolve(dirname(file), expandHome(value, call.config.home)),
    thisMachine: thisMachineNames(),
  };
}

/** The fields that choose which engine a profile reaches, and how it is trusted: changing one is a new target. */
const RETARGETING = ['type', 'host', 'port', 'hostKeyPolicy'];

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
        refuseLooseNew(p.name, p.profile);
        const { profiles, thisMachine } = await leash(call);
        // A name from another config file would be shadowed, fields and all, by this one.
        if (Object.hasOwn(profiles, p.name)) {
          throw new ToolError(
            'CONFLICT',
            `The loaded config already has a profile named "${p.name}"; edit it, or pick another name`,
          );
        }
        const { forced, note } = tightenForTwins(p.name, p.profile, profiles, thisMachine, true);
        const { file } = await write(call, async (f) =>
          (await configWriters()).addProfile(f, p.name, { ...p.profile, ...forced } as ProfileInput),
        );
        return { name: p.name, done: note ? `added ${note}` : 'added', file };
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
        refuseUnsafeValues(p.name, p.profile);
        const { profiles, pathOf, thisMachine } = await leash(call);
        const current = profiles[p.name];
        let forced: Fields = {};
        let note: string | undefined;
        if (current) {
          const next = applyPatch(current, p.profile);
          refuseLoosening(p.name, current, next, pathOf);
          const retargeted = RETARGETING.some((key) => next[key] !== current[key]);
          if (retargeted) ({ forced, note } = tightenForTwins(p.name, next, profiles, thisMachine, true));
        } else if (SAFETY_FIELDS.some((key) => key in p.profile)) {
          // Nothing loaded to compare with: only a person may touch its safety fields.
          throw refusal(p.name, 'the server has not loaded it, so its safety fields cannot be judged');
        }
        const { file, result } = await write(call, async (f) =>
          (await configWriters()).editProfile(f, p.name, { ...p.profile, ...forced } as ProfilePatch),
        );
        const done = result.changed ? 'edited' : 'unchanged';
        return { name: p.name, done: note ? `${done} ${note}` : done, file };
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
        // No plan, and so no token, for a profile that is not there to lose.
        const current = call.config.profiles();
        if (!Object.hasOwn(current, p.name)) {
          throw new ToolError('NOT_FOUND', `${file} defines no profile named "${p.name}"`);
        }
        // Removing a read-only profile and adding a writable one would loosen the leash in
        // two steps: a person removes those by hand.
        if ((current[p.name] as { readOnly?: boolean } | undefined)?.readOnly === true) {
          throw new ToolError(
            'READ_ONLY',
            `profile "${p.name}" is read-only; a person removes it by editing ${file}`,
          );
        }
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
          throw new ToolError('NOT_FOUND', `Nothing to import from ~/.ssh/config${why ? ` (${why})` : ''}`, {
            hinted: true,
          });
        }
        const { profiles, thisMachine } = await leash(call);
        // Loaded names are kept, wherever they come from; a twin of a read-only profile is read-only.
        const fresh = Object.fromEntries(
          found
            .filter((n) => !Object.hasOwn(profiles, n))
            .map((n) => {
              const imported = read.profiles[n] as Fields;
              const { forced } = tightenForTwins(n, imported, profiles, thisMachine, false);
              return [n, { ...imported, ...forced }];
            }),
        ) as typeof read.profiles;
        const { file, result } = await write(call, async (f) =>
          (await configWriters()).writeImportedProfiles(f, fresh),
        );
        return found.map((n) => ({
          name: n,
          done: result.clashes.includes(n) || !(n in fresh) ? 'exists, kept' : 'imported',
          host: read.profiles[n]?.host,
          file,
        }));
      },
    }),
  },
});

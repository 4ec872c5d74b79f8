import type { CommandSpec, OptionSpec } from '../command-spec.js';
import { toolCommand } from '../tool-command.js';
import { profileFields } from './profile-fields.js';

const name = { name: 'name', description: 'profile name', required: true, completes: 'profile' as const };
const PROFILE_OPTIONS: OptionSpec[] = [
  { flags: '--identity-file <file>', description: 'ssh: private key file' },
  { flags: '--known-hosts-file <file>', description: 'ssh: known_hosts file to check the host key against' },
  { flags: '--host-key-policy <policy>', description: 'ssh: strict|accept-new' },
  { flags: '--socket-path <path>', description: 'local: the engine socket' },
  { flags: '--tls-ca <file>', description: 'tcp: CA certificate' },
  { flags: '--tls-cert <file>', description: 'tcp: client certificate' },
  { flags: '--tls-key <file>', description: 'tcp: client key' },
  { flags: '--description <text>', description: 'what this engine is' },
  { flags: '--tags <a,b>', description: 'tags' },
  { flags: '--read-only', description: 'only reads on this engine' },
  { flags: '--no-read-only', description: 'allow changes' },
  { flags: '--timeout <ms>', description: 'deadline of a call', type: 'int' },
];
const CLEANUP_LEVELS = ['safe', 'moderate', 'aggressive'];

/** `hosts ...`: berth's engine profiles and what each engine holds. */
export const HOSTS_COMMANDS: CommandSpec[] = [
  toolCommand({
    path: ['hosts', 'ls'],
    summary: 'the profiles and their safety settings (no engine call)',
    kind: 'read',
    tool: 'read',
    action: 'hosts',
    params: () => ({}),
  }),
  toolCommand({
    path: ['hosts', 'add'],
    summary:
      'add a profile: berth hosts add NAME ssh://user@host[:port] | tcp://host[:port] | unix:///socket',
    kind: 'add',
    tool: 'host_config',
    action: 'add',
    noHost: true,
    args: [
      name,
      {
        name: 'address',
        description: 'ssh://user@host[:port], tcp://host[:port] or unix:///path',
        required: true,
      },
    ],
    options: PROFILE_OPTIONS,
    examples: ['berth hosts add prod ssh://deploy@prod.example.com --identity-file ~/.ssh/id_ed25519'],
    params: ({ args, options }) => ({ name: args[0], profile: profileFields(args[1], options) }),
  }),
  toolCommand({
    path: ['hosts', 'edit'],
    summary: 'change only the given fields of a profile',
    kind: 'change',
    tool: 'host_config',
    action: 'edit',
    noHost: true,
    args: [name, { name: 'address', description: 'a new engine address' }],
    options: PROFILE_OPTIONS,
    params: ({ args, options }) => ({ name: args[0], profile: profileFields(args[1], options) }),
  }),
  toolCommand({
    path: ['hosts', 'rm'],
    summary: 'remove a profile (asks first; --yes, --dry-run)',
    kind: 'lose',
    tool: 'host_config',
    action: 'remove',
    noHost: true,
    args: [name],
    params: ({ args }) => ({ name: args[0] }),
  }),
  toolCommand({
    path: ['hosts', 'test'],
    summary: 'connect to each profile (or the named ones) and ping its engine',
    kind: 'read',
    tool: 'read',
    action: 'test',
    args: [{ ...name, required: false, variadic: true }],
    params: ({ args }) => (args.length > 0 ? { host: args.join(',') } : {}),
  }),
  toolCommand({
    path: ['hosts', 'import-ssh'],
    summary: 'import Host entries of ~/.ssh/config as profiles (names, or --all)',
    kind: 'add',
    tool: 'host_config',
    action: 'import',
    noHost: true,
    args: [{ name: 'alias', description: 'Host aliases of ~/.ssh/config', variadic: true }],
    options: [{ flags: '--all', description: 'every Host entry' }],
    params: ({ args, options }) => ({ aliases: options.all || args.length === 0 ? '*' : args.join(',') }),
  }),
  toolCommand({
    path: ['hosts', 'ports'],
    summary: 'published host ports and conflicts (--port N: is it free)',
    kind: 'read',
    tool: 'read',
    action: 'ports',
    pages: true,
    options: [{ flags: '--port <n>', description: 'is this host port free', type: 'int' }],
    params: ({ options }) => (options.port !== undefined ? { port: options.port } : {}),
  }),
  toolCommand({
    path: ['hosts', 'df'],
    summary: 'disk use and reclaimable space, as docker system df',
    kind: 'read',
    tool: 'read',
    action: 'df',
    params: () => ({}),
  }),
  cleanupCommand(),
];

/** `hosts cleanup`: the preview of every level; `hosts cleanup LEVEL`: do it (asks first). */
function cleanupCommand(): CommandSpec {
  const preview = toolCommand({
    path: ['hosts', 'cleanup'],
    summary: '',
    kind: 'read',
    tool: 'read',
    action: 'cleanup',
    params: () => ({}),
  });
  const apply = (level: string) =>
    toolCommand({
      path: ['hosts', 'cleanup'],
      summary: '',
      kind: 'lose',
      tool: 'remove',
      action: `cleanup_${level}`,
      params: ({ options }) => (level === 'aggressive' ? { volumes: options.volumes === true } : {}),
    });
  return {
    path: ['hosts', 'cleanup'],
    summary: `what cleanup would free; with a level (${CLEANUP_LEVELS.join('|')}) remove it (asks first)`,
    kind: 'lose',
    args: [{ name: 'level', description: CLEANUP_LEVELS.join('|') }],
    options: [{ flags: '--volumes', description: 'aggressive: also unused volumes (data!)' }],
    examples: ['berth hosts cleanup', 'berth hosts cleanup safe --dry-run'],
    run: (input, session) => {
      const level = input.args[0];
      if (level === undefined) return preview.run(input, session);
      if (!CLEANUP_LEVELS.includes(level)) {
        session.warn(`berth: cleanup level must be one of ${CLEANUP_LEVELS.join(', ')}`);
        return Promise.resolve(2);
      }
      return apply(level).run(input, session);
    },
  };
}

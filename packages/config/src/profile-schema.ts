import { z } from 'zod';

/**
 * The shape of one engine profile. Every key has a description and a default where one
 * makes sense, because the JSON Schema published by this package is generated from these
 * schemas and is what editors show a user writing a config file.
 */

/**
 * A whole number in a range, with one message for every way it can fail, so a user reads
 * `expected a number from 1 to 65535` instead of zod's separate type/int/min/max texts.
 */
function boundedInt(min: number, max: number) {
  const error = `expected a number from ${min} to ${max}`;
  return z.number({ error }).int({ error }).min(min, { error }).max(max, { error });
}

/** A profile name: what agents pass as `host`. Letters, digits, `.`, `_`, `-`; not starting with `-`. */
export const ProfileName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/,
    'a profile name is 1-63 letters, digits, ".", "_" or "-", not starting with "-", "." or "_"',
  )
  .describe('Profile name, used as the `host` of every tool call.');

const common = {
  description: z.string().max(500).optional().describe('What this engine is, for people and agents.'),
  tags: z.array(z.string().min(1).max(63)).default([]).describe('Free-form tags to select profiles by.'),
  composePaths: z
    .array(z.string().min(1))
    .default([])
    .describe('Folders on the engine host that hold compose projects.'),
  appdataPath: z
    .string()
    .min(1)
    .optional()
    .describe('Folder on the engine host that holds application data (bind mounts).'),
  enabled: z.boolean().default(true).describe('A disabled profile is kept in the file but never connected.'),
  readOnly: z.boolean().default(false).describe('Only read operations are allowed on this engine.'),
  confirm: z
    .boolean()
    .default(true)
    .describe(
      'Ask before data-losing actions (by elicitation, or a confirm_token bound to the plan); false runs them at once, for automation. Still audited.',
    ),
  timeoutMs: boundedInt(1, 600_000)
    .default(30_000)
    .describe('Default timeout for one engine API call, in milliseconds.'),
  bindRoots: z
    .array(
      z
        .string()
        .regex(/^\//, 'an absolute path on the engine host')
        .refine((v) => !v.split('/').includes('..'), 'a path without ..'),
    )
    .max(64)
    .default([])
    .describe(
      'Folders on the engine host that containers may bind without confirmation (symlinks are resolved on a local engine). Every other host bind is a risk (see allowHostAccess).',
    ),
  allowHostAccess: z
    .boolean()
    .default(false)
    .describe(
      "Let containers reach the host: binds outside bindRoots, the Docker socket, the host's network. true: allowed once confirmed (elicitation or confirm_token); false: refused. Only your own config file can set true.",
    ),
};

export const LocalProfile = z
  .object({
    type: z.literal('local'),
    socketPath: z
      .string()
      .min(1)
      .optional()
      .describe(
        'Unix socket of the engine; default: DOCKER_HOST when it is a unix:// URL, else /var/run/docker.sock.',
      ),
    ...common,
  })
  .strict();

export const TlsOptions = z
  .object({
    ca: z
      .string()
      .min(1)
      .optional()
      .describe('Path of the CA certificate (PEM) that signed the engine certificate.'),
    cert: z.string().min(1).optional().describe('Path of the client certificate (PEM).'),
    key: z.string().min(1).optional().describe('Path of the client private key (PEM).'),
    verify: z.boolean().default(true).describe('Verify the engine certificate against `ca`.'),
  })
  .strict();

export const TcpProfile = z
  .object({
    type: z.literal('tcp'),
    host: z.string().min(1).describe('Engine host name or address.'),
    port: boundedInt(1, 65535).default(2376).describe('Engine API port (2376 with TLS, 2375 without).'),
    tls: TlsOptions.optional().describe('TLS settings; without them the connection is plain TCP (warned).'),
    ...common,
  })
  .strict();

export const HostKeyPolicy = z
  .enum(['strict', 'accept-new', 'insecure-ignore'])
  .describe(
    "strict: the key must be in known_hosts (default). accept-new: pin an unknown host's key in berth's own known_hosts on first use, refuse a changed key. insecure-ignore: no check at all (logged loudly; never use on untrusted networks).",
  );

export const SshProfile = z
  .object({
    type: z.literal('ssh'),
    host: z.string().min(1).describe('SSH host name or address.'),
    port: boundedInt(1, 65535).default(22).describe('SSH port.'),
    user: z.string().min(1).describe('SSH user.'),
    identityFile: z.string().min(1).optional().describe('Private key file; `~` is expanded.'),
    agent: z
      .union([z.boolean(), z.string().min(1)])
      .default(false)
      .describe('Use an SSH agent: true for SSH_AUTH_SOCK, or the path of an agent socket.'),
    hostKeyPolicy: HostKeyPolicy.default('strict'),
    knownHostsFile: z
      .string()
      .min(1)
      .optional()
      .describe(
        "known_hosts file to check against; default ~/.ssh/known_hosts (strict) or berth's own (accept-new).",
      ),
    proxyJump: z
      .string()
      .min(1)
      .optional()
      .describe('ProxyJump from ssh_config, kept for reference (not used for connecting yet).'),
    remoteSocket: z
      .string()
      .min(1)
      .default('/var/run/docker.sock')
      .describe('Docker socket path on the remote host.'),
    connectTimeoutMs: boundedInt(1, 120_000).default(10_000).describe('SSH connect timeout.'),
    keepaliveIntervalMs: boundedInt(0, 3_600_000)
      .default(15_000)
      .describe('SSH keepalive interval; 0 turns it off.'),
    ...common,
  })
  .strict();

export const Profile = z.discriminatedUnion('type', [LocalProfile, TcpProfile, SshProfile]);

export const BerthConfig = z
  .object({
    defaultProfile: ProfileName.optional().describe(
      'Profile used when a call names no host; default: `local`, or the only profile.',
    ),
    profiles: z.record(ProfileName, Profile).default({}).describe('Engine profiles by name.'),
    trustedProjects: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'User file only: folders whose berth.yaml is read (compared by real path); a project file may only tighten this file. Other project files are ignored.',
      ),
    backupRoots: z
      .array(
        z
          .string()
          .regex(/^\//, 'an absolute path')
          .refine((v) => !v.split('/').includes('..'), 'a path without ..'),
      )
      .max(64)
      .default([])
      .describe(
        "User file only: folders on berth's machine where database backups may be written and restored from, besides <state dir>/backups (symlinks resolved). `~` and paths relative to the file are resolved.",
      ),
  })
  .strict();

export type LocalProfile = z.infer<typeof LocalProfile>;
export type TcpProfile = z.infer<typeof TcpProfile>;
export type SshProfile = z.infer<typeof SshProfile>;
export type Profile = z.infer<typeof Profile>;
export type HostKeyPolicy = z.infer<typeof HostKeyPolicy>;
export type BerthConfig = z.infer<typeof BerthConfig>;
/** What a user writes: defaults not yet applied. */
export type ProfileInput = z.input<typeof Profile>;

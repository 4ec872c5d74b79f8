import { posix } from 'node:path';
import { z } from 'zod';

/**
 * Compose's own rule for project names (lowercase letters, digits, `-`, `_`, starting with a
 * letter or digit), so a name berth accepts is the name compose uses, never normalised into
 * another project's. The same rule names deployed stacks and their folders.
 */
export const ProjectName = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,62}$/,
    'a project name is 1-63 lowercase letters, digits, "-" or "_", starting with a letter or digit',
  )
  .describe('Compose project (stack) name.');

/** Compose service names; never starting with `-`, so a service can never be read as a flag. */
export const ServiceName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    'a service name is letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

/** An absolute path on the engine's host: no `..`, no control characters. */
export const HostPath = z
  .string()
  .max(4096)
  .refine((v) => posix.isAbsolute(v), 'an absolute path on the engine host')
  .refine((v) => !v.split('/').includes('..'), 'a path without ".."')
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to refuse them
  .refine((v) => !/[\u0000-\u001f\u007f]/.test(v), 'a path without control characters');

const services = z.array(ServiceName).max(256).default([]).describe('Only these services; all when empty.');
/** Compose takes whole seconds for its stop grace period. */
const graceSeconds = z.number().int().min(0).max(3600).optional().describe('Seconds to wait before killing.');

/** Which compose project a job acts on. Files and directory are passed to compose explicitly. */
export const ComposeProject = z.strictObject({
  name: ProjectName,
  files: z.array(HostPath).max(16).default([]).describe('Compose files; default: compose finds them.'),
  directory: HostPath.optional().describe('Project directory (relative paths and .env resolve here).'),
  envFile: HostPath.optional().describe('An env file instead of <directory>/.env.'),
});
export type ComposeProject = z.input<typeof ComposeProject>;

export const LsOptions = z.strictObject({
  all: z.boolean().default(true).describe('Include stopped stacks.'),
});
export type LsOptions = z.input<typeof LsOptions>;

export const PsOptions = z.strictObject({
  all: z.boolean().default(true).describe('Include stopped containers.'),
  services,
});
export type PsOptions = z.input<typeof PsOptions>;

export const ConfigOptions = z.strictObject({});
export type ConfigOptions = z.input<typeof ConfigOptions>;

export const LogsOptions = z.strictObject({
  services,
  tail: z.union([z.number().int().min(0).max(100_000), z.literal('all')]).default(200),
  timestamps: z.boolean().default(false),
  follow: z.boolean().default(false).describe('Stream until the signal aborts or the deadline passes.'),
});
export type LogsOptions = z.input<typeof LogsOptions>;

export const UpOptions = z.strictObject({
  services,
  build: z.boolean().default(false).describe('Build images before starting.'),
  pull: z.boolean().default(false).describe('Pull images before starting.'),
  forceRecreate: z.boolean().default(false),
  removeOrphans: z.boolean().default(false),
  wait: z.boolean().default(true).describe('Wait until every container runs and is healthy.'),
  waitTimeoutMs: z.number().int().min(1).max(3_600_000).default(120_000),
});
export type UpOptions = z.input<typeof UpOptions>;

export const DownOptions = z.strictObject({
  volumes: z.boolean().default(false).describe('Also remove named and anonymous volumes: only a real true.'),
  removeOrphans: z.boolean().default(false),
  timeoutSeconds: graceSeconds,
});
export type DownOptions = z.input<typeof DownOptions>;

export const StopOptions = z.strictObject({ services, timeoutSeconds: graceSeconds });
export type StopOptions = z.input<typeof StopOptions>;
export const RestartOptions = StopOptions;
export type RestartOptions = StopOptions;

export const StartOptions = z.strictObject({ services });
export type StartOptions = z.input<typeof StartOptions>;

export const PullOptions = z.strictObject({
  services,
  ignorePullFailures: z.boolean().default(false),
});
export type PullOptions = z.input<typeof PullOptions>;

export const BuildOptions = z.strictObject({
  services,
  noCache: z.boolean().default(false),
  pull: z.boolean().default(false).describe('Pull newer base images.'),
});
export type BuildOptions = z.input<typeof BuildOptions>;

import { z } from 'zod';

/**
 * The catalog of MCP servers a gateway serves. Every key has a description because the
 * published JSON Schema is generated from these schemas. A server runs one of three ways:
 * `image` (a container speaking stdio), `remote` (an HTTP MCP endpoint) or `static` (TCP
 * to a pre-started container); exactly one of them is set.
 */

const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,127}$/;

export const ServerName = z
  .string()
  .regex(NAME, 'a server name is 1-63 letters, digits, ".", "_" or "-", starting with a letter or digit')
  .describe('Server name: the key in `servers`, used in labels and as the default tool prefix.');

const EnvName = z.string().regex(ENV_NAME, 'an environment variable name: letters, digits and _');

/** A volume: `/host/path:/container/path` with an optional `:rw` (read-only unless marked). */
export const VolumeSpec = z
  .string()
  .regex(/^[^:\0]+:\/[^:\0]*(:(ro|rw))?$/, 'a volume is source:/container/path, optionally :ro or :rw')
  .describe('source:/container/path[:rw]; read-only unless it ends in :rw.');

export const RemoteSpec = z
  .object({
    url: z.url({ protocol: /^https?$/ }).describe('The MCP endpoint, http:// or https://.'),
    transport: z
      .enum(['streamable-http', 'sse'])
      .default('streamable-http')
      .describe('streamable-http (current) or sse (the deprecated HTTP+SSE transport).'),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]{1,128}$/, 'an HTTP header name'), z.string().max(8192))
      .default({})
      .describe('Headers sent with every request; values may use {{secrets.NAME}} and {{config.KEY}}.'),
  })
  .strict();

export const NetworkSpec = z
  .union([
    z.enum(['none', 'default']),
    z
      .object({
        allowHosts: z
          .array(z.string().regex(/^[A-Za-z0-9.-]{1,253}(:[0-9]{1,5})?$/, 'host or host:port'))
          .min(1)
          .max(64)
          .describe('Hosts (host or host:port) the server may reach through the egress proxy.'),
      })
      .strict(),
  ])
  .default('none')
  .describe(
    'none: no network; default: the engine default bridge; { allowHosts }: only those hosts, by proxy.',
  );

export const CatalogServer = z
  .object({
    description: z.string().max(500).optional().describe('What this server offers.'),
    image: z
      .string()
      .min(1)
      .max(512)
      .optional()
      .describe('Image of a containerized stdio server; pulled up front, never at run.'),
    command: z
      .array(z.string().max(4096))
      .max(256)
      .default([])
      .describe('argv after the image; values may use {{config.KEY}}.'),
    env: z
      .record(EnvName, z.string().max(32_768))
      .default({})
      .describe('Environment of the server; values may use {{config.KEY}}.'),
    secrets: z
      .record(z.string().regex(/^[A-Za-z0-9_.-]{1,128}$/, 'a secret name'), EnvName)
      .default({})
      .describe(
        'Secret name -> environment variable; values come from the secrets file or the environment, never the catalog.',
      ),
    volumes: z
      .array(VolumeSpec)
      .max(64)
      .default([])
      .describe('Bind mounts or named volumes, read-only unless :rw.'),
    user: z
      .string()
      .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,31})?$/)
      .optional()
      .describe('user[:group] inside the container.'),
    cpus: z.number().positive().max(256).default(1).describe('CPU limit of the container.'),
    memory: z
      .string()
      .regex(/^[0-9]+[bkmg]?$/i, 'a size such as 256m or 2g')
      .default('512m')
      .describe('Memory limit (b, k, m, g).'),
    readOnlyRootfs: z
      .boolean()
      .default(true)
      .describe(
        'Mount the root filesystem read-only (a tmpfs /tmp stays writable); false for servers that write elsewhere.',
      ),
    network: NetworkSpec,
    longLived: z
      .boolean()
      .default(false)
      .describe(
        'true: one instance per (server, client session); false: warm instances shared by all sessions.',
      ),
    remote: RemoteSpec.optional().describe('An HTTP MCP server reached over the network.'),
    static: z
      .string()
      .regex(/^[A-Za-z0-9.-]{1,253}:[0-9]{1,5}$/, 'host:port')
      .optional()
      .describe('host:port of a pre-started server speaking newline-delimited JSON-RPC over TCP.'),
    tools: z
      .array(z.string().min(1).max(128))
      .optional()
      .describe('Only these tools are served (all when absent).'),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,32}$/)
      .optional()
      .describe("Prefix of this server's tool names in the gateway."),
    profile: z
      .string()
      .min(1)
      .max(63)
      .default('local')
      .describe('berth profile of the engine that runs the container (remote profiles too).'),
    config: z
      .record(
        z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
        z.union([z.string().max(4096), z.number(), z.boolean()]),
      )
      .default({})
      .describe('Values for {{config.KEY}} templates.'),
    initializeTimeoutMs: z
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(30_000)
      .describe('Deadline for start plus the initialize handshake.'),
    callTimeoutMs: z
      .number()
      .int()
      .min(100)
      .max(3_600_000)
      .default(120_000)
      .describe('Deadline for one request to the server.'),
    idleTimeoutMs: z
      .number()
      .int()
      .min(1_000)
      .max(86_400_000)
      .default(300_000)
      .describe('An instance unused this long is stopped.'),
    maxConcurrency: z
      .number()
      .int()
      .min(1)
      .max(256)
      .default(4)
      .describe('Requests in flight per instance; more wait in a FIFO queue.'),
    queueTimeoutMs: z
      .number()
      .int()
      .min(0)
      .max(600_000)
      .default(30_000)
      .describe('How long a request may wait in the queue.'),
  })
  .strict()
  .superRefine((server, ctx) => {
    const ways = [server.image, server.remote, server.static].filter((v) => v !== undefined).length;
    if (ways !== 1) ctx.addIssue({ code: 'custom', message: 'set exactly one of image, remote or static' });
  });

export const Catalog = z
  .object({
    secretsFile: z
      .string()
      .min(1)
      .optional()
      .describe('File of NAME=value lines (or a YAML map) with the secrets; relative to the catalog.'),
    servers: z.record(ServerName, CatalogServer).default({}).describe('The servers, by name.'),
  })
  .strict();

export type CatalogServer = z.output<typeof CatalogServer>;
export type CatalogServerInput = z.input<typeof CatalogServer>;
export type Catalog = z.output<typeof Catalog>;
export type RemoteSpec = z.output<typeof RemoteSpec>;
export type NetworkSpec = z.output<typeof NetworkSpec>;

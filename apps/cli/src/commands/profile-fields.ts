import { CliError } from '../cli-error.js';

/**
 * The profile fields a `hosts add|edit` command line gives: an engine address
 * (`ssh://user@host:port`, `tcp://host:port`, `unix:///path`) and the flags. Only what was
 * given is returned, so `edit` changes only those fields.
 */
export function profileFields(
  address: string | undefined,
  options: Record<string, unknown>,
): Record<string, unknown> {
  const fields: Record<string, unknown> = address ? fromAddress(address) : {};
  const copy: Record<string, string> = {
    identityFile: 'identityFile',
    knownHostsFile: 'knownHostsFile',
    hostKeyPolicy: 'hostKeyPolicy',
    description: 'description',
    socketPath: 'socketPath',
  };
  for (const [option, field] of Object.entries(copy)) {
    if (typeof options[option] === 'string') fields[field] = options[option];
  }
  if (typeof options.tags === 'string') fields.tags = options.tags.split(',').filter((t) => t.length > 0);
  if (options.readOnly !== undefined) fields.readOnly = options.readOnly;
  if (options.confirm !== undefined) fields.confirm = options.confirm;
  if (options.enabled !== undefined) fields.enabled = options.enabled;
  if (options.timeout !== undefined) fields.timeoutMs = options.timeout;
  const tls = Object.fromEntries(
    (['tlsCa', 'tlsCert', 'tlsKey'] as const)
      .filter((k) => typeof options[k] === 'string')
      .map((k) => [k.slice(3).toLowerCase(), options[k]]),
  );
  if (Object.keys(tls).length > 0) fields.tls = tls;
  return fields;
}

function fromAddress(address: string): Record<string, unknown> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new CliError(
      'INVALID',
      `'${address.slice(0, 80)}' is no engine address: use ssh://user@host[:port], tcp://host[:port] or unix:///path`,
    );
  }
  const port = url.port ? { port: Number(url.port) } : {};
  if (url.protocol === 'ssh:') {
    if (!url.username)
      throw new CliError('INVALID', `ssh address '${address.slice(0, 80)}' needs a user: ssh://user@host`);
    return { type: 'ssh', host: url.hostname, user: decodeURIComponent(url.username), ...port };
  }
  if (url.protocol === 'tcp:') return { type: 'tcp', host: url.hostname, ...port };
  if (url.protocol === 'unix:') return { type: 'local', socketPath: url.pathname };
  throw new CliError('INVALID', `address scheme '${url.protocol}' is not ssh:, tcp: or unix:`);
}

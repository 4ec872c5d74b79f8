import { isIP } from 'node:net';

export interface ListenAddress {
  host: string;
  port: number;
}

/** The default: loopback only, a fixed port an agent's config can name. */
export const DEFAULT_LISTEN: ListenAddress = { host: '127.0.0.1', port: 8811 };

/** Parses `host:port`, `[v6]:port` or `:port` (loopback); port 0 picks a free one. */
export function parseListenAddress(value: string): ListenAddress {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:[\]]*)):([0-9]{1,5})$/.exec(value);
  const port = match ? Number(match[3]) : Number.NaN;
  if (!match || port > 65_535)
    throw new Error(`--listen wants host:port (e.g. 127.0.0.1:8811), not '${value}'`);
  const host = match[1] ?? (match[2] || DEFAULT_LISTEN.host);
  if (host.startsWith('-') || !/^[A-Za-z0-9.:-]{1,253}$/.test(host)) {
    throw new Error(`--listen host '${host}' is not a host name or IP address`);
  }
  return { host, port };
}

/** True for addresses only this machine reaches: 127.0.0.0/8, ::1, localhost. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '');
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  if (isIP(bare) === 6) return bare === '::1' || /^::ffff:127\./i.test(bare);
  return false;
}

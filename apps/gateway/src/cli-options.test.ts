import { describe, expect, it } from 'vitest';
import { parseGatewayOptions, USAGE, UsageError } from './cli-options.js';
import { flagSyntax, GATEWAY_FLAGS } from './gateway-flags.js';

describe('parseGatewayOptions', () => {
  it('gives the defaults for no flags', () => {
    expect(parseGatewayOptions([])).toEqual({
      listen: { host: '127.0.0.1', port: 8811 },
      labels: {},
      stdio: false,
      allowUnauthenticated: false,
      allowedHosts: [],
      allowedOrigins: [],
      principal: 'token',
      maxBodyBytes: 4 * 1024 * 1024,
      trustProject: false,
      readOnly: false,
      confirm: true,
      logLevel: 'info',
      help: false,
      version: false,
    });
  });

  it('reads every kind of flag: values, repeats, switches and the negated confirm', () => {
    const options = parseGatewayOptions([
      '--listen=127.0.0.1:0',
      '--label',
      'a=1',
      '--label',
      'b=x=y',
      '--allowed-host',
      'gw.local',
      '--tools',
      'docker, db',
      '--tool-cache',
      'off',
      '--config',
      '/c.yaml',
      '--no-confirm',
      '--read-only',
      '-v',
    ]);
    expect(options).toMatchObject({
      listen: { host: '127.0.0.1', port: 0 },
      labels: { a: '1', b: 'x=y' },
      allowedHosts: ['gw.local'],
      toolsets: ['docker', 'db'],
      toolCache: 'off',
      configPath: '/c.yaml',
      confirm: false,
      readOnly: true,
      version: true,
    });
  });

  it.each([
    [['--bogus'], /bogus/],
    [['--log-level', 'loud'], /--log-level must be one of/],
    [['--listen', '0.0.0.0:1', '--allow-unauthenticated'], /only a loopback address/],
    [['--max-body', '10'], /--max-body must be/],
    [['--label', 'novalue'], /--label wants key=value/],
    [['--tools', ' , '], /at least one toolset/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseGatewayOptions(argv)).toThrow(UsageError);
    expect(() => parseGatewayOptions(argv)).toThrow(message);
  });

  it('lists every flag it parses in its usage text', () => {
    for (const flag of GATEWAY_FLAGS) expect(USAGE).toContain(`  ${flagSyntax(flag)} `);
  });
});

import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FuzzBed } from './fuzz-bed.test-support.js';

/**
 * berth.yaml of the engine lanes (both profiles) and of the hosts lane (the same and a
 * spare profile), and a hostile ~/.ssh/config for the hosts lane's `import`.
 */
export function writeFuzzConfigs(bed: FuzzBed): void {
  const profile = bed.remote.sshProfile({ timeoutMs: 15_000, connectTimeoutMs: 5_000 });
  const engines = `profiles:\n  local:\n    type: local\n  remote: ${JSON.stringify(profile)}\n`;
  writeFileSync(join(bed.dir, 'engines.yaml'), engines);
  // Never dialled: the hosts lane only edits profiles, so their hosts may be anything.
  const spare = { type: 'ssh', host: '127.0.0.1', port: 1, user: 'nobody', readOnly: true };
  bed.hostsConfig = join(bed.dir, 'hosts.yaml');
  bed.hostsConfigText = `${engines}  spare: ${JSON.stringify(spare)}\n`;
  writeFileSync(bed.hostsConfig, bed.hostsConfigText);
  const ssh = join(bed.dir, 'home-hosts', '.ssh');
  mkdirSync(ssh, { recursive: true, mode: 0o700 });
  const touch = `touch ${bed.canaries.path('ssh_config')}`;
  writeFileSync(
    join(ssh, 'config'),
    [
      'Host plain',
      '  HostName 127.0.0.1',
      '  Port 2222',
      '  User root',
      `Host evil-$(${touch.replace(/ /g, '_')})`,
      '  HostName 127.0.0.1',
      `  ProxyCommand ${touch}`,
      `  User -oProxyCommand=${touch.replace(/ /g, '_')}`,
      `  IdentityFile ~/.ssh/$(${touch.replace(/ /g, '_')})`,
      'Host flag',
      '  HostName -oProxyCommand=true',
      `  LocalCommand ${touch}`,
      '  PermitLocalCommand yes',
      '',
    ].join('\n'),
    { mode: 0o600 },
  );
}

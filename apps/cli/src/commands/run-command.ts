import { toolCommand } from '../tool-command.js';
import { keyValues, strings } from './option-values.js';

/** `run IMAGE [-- CMD...]`: create (and start) a container from a local image, detached. */
export const runCommand = toolCommand({
  path: ['run'],
  summary: 'create and start a container from a local image (detached; argv after --)',
  kind: 'add',
  tool: 'create',
  action: 'run',
  risky: true,
  takesRest: true,
  args: [
    { name: 'image', description: 'a local image (berth pull first)', required: true, completes: 'image' },
  ],
  options: [
    { flags: '--name <name>', description: 'container name' },
    { flags: '-e, --env <key=value...>', description: 'environment (values of secret-looking keys masked)' },
    {
      flags: '-p, --publish <[ip:][host:]port...>',
      description: 'publish a port (on 127.0.0.1 unless an ip is given)',
    },
    { flags: '-v, --volume <src:/dst[:ro]...>', description: 'bind a host path or mount a volume' },
    { flags: '--restart <policy>', description: 'no|always|unless-stopped|on-failure[:N]' },
    { flags: '--network <name>', description: 'network to join', completes: 'network' },
    { flags: '-l, --label <key=value...>', description: 'labels' },
    { flags: '-u, --user <user>', description: 'user, uid or user:group' },
    { flags: '-w, --workdir <dir>', description: 'working directory' },
    { flags: '--no-start', description: 'create only (docker create)' },
  ],
  columns: ['id', 'name', 'state', 'ports', 'note'],
  examples: ['berth run --name web -p 8080:80 nginx:alpine', 'berth run busybox -- sh -c "echo hi"'],
  params: ({ args, rest, options }) => {
    const env = keyValues(options.env, '--env');
    const labels = keyValues(options.label, '--label');
    const ports = strings(options.publish);
    const volumes = strings(options.volume);
    return {
      ...(options.start === false ? { action: 'container' } : {}),
      image: args[0],
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(rest.length > 0 ? { cmd: rest } : {}),
      ...(env ? { env } : {}),
      ...(ports.length > 0 ? { ports } : {}),
      ...(volumes.length > 0 ? { volumes } : {}),
      ...(options.restart !== undefined ? { restart: options.restart } : {}),
      ...(options.network !== undefined ? { network: options.network } : {}),
      ...(labels ? { labels } : {}),
      ...(options.user !== undefined ? { user: options.user } : {}),
      ...(options.workdir !== undefined ? { workdir: options.workdir } : {}),
    };
  },
});

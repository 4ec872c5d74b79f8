import type { CommandSpec } from '../command-spec.js';
import { toolCommand } from '../tool-command.js';
import { keyValues, listFilters, strings } from './option-values.js';

const PRUNE_KINDS: Record<string, string> = {
  containers: 'container',
  images: 'image',
  volumes: 'volume',
  networks: 'network',
};

/** Images, volumes, networks, prune and events. */
export const IMAGE_COMMANDS: CommandSpec[] = [
  toolCommand({
    path: ['images'],
    summary: 'list images',
    kind: 'read',
    tool: 'read',
    action: 'list',
    pages: true,
    options: [
      { flags: '--filter <name=x|label=k=v...>', description: 'name (a tag) contains x; label k (=v)' },
    ],
    params: ({ options }) => ({ kind: 'image', ...listFilters(options.filter) }),
  }),
  toolCommand({
    path: ['pull'],
    summary: 'pull an image from its registry (progress on a terminal)',
    kind: 'add',
    tool: 'create',
    action: 'pull',
    args: [{ name: 'image', description: 'repo[:tag] or repo@digest', required: true, completes: 'image' }],
    progress: (session) => {
      if (session.globals.json || !session.io.interactive) return undefined;
      let bar: ReturnType<typeof import('../render/pull-progress-bar.js').pullProgressBar> | undefined;
      let loading: Promise<NonNullable<typeof bar>> | undefined;
      const report = async (done: number, total?: number, message?: string) => {
        loading ??= import('../render/pull-progress-bar.js').then((m) => m.pullProgressBar(session));
        bar = await loading;
        await bar(done, total, message);
      };
      return Object.assign(report, { stop: () => bar?.stop() });
    },
    columns: ['name', 'id', 'note'],
    params: ({ args }) => ({ image: args[0] }),
  }),
  toolCommand({
    path: ['rmi'],
    summary: 'remove images (asks first; --yes, --dry-run)',
    kind: 'lose',
    tool: 'remove',
    action: 'remove',
    args: [
      {
        name: 'image',
        description: 'image names or ids',
        required: true,
        variadic: true,
        completes: 'image',
      },
    ],
    options: [
      { flags: '-f, --force', description: 'also when tagged several times or used by a stopped container' },
    ],
    params: ({ args, options }) =>
      args.map((id) => ({ kind: 'image', id, ...(options.force ? { force: true } : {}) })),
  }),
  toolCommand({
    path: ['prune'],
    summary: 'remove unused containers, images, volumes or networks (asks first; --yes, --dry-run)',
    kind: 'lose',
    tool: 'remove',
    action: 'prune',
    args: [{ name: 'kind', description: Object.keys(PRUNE_KINDS).join('|'), required: true }],
    options: [
      { flags: '-a, --all', description: 'images: every unused one, not only dangling' },
      { flags: '--label <key[=value]...>', description: 'only objects with these labels' },
      { flags: '--until <time>', description: 'only objects created before (10m, 2h, ISO)' },
    ],
    examples: ['berth prune images --all --dry-run', 'berth prune volumes --label app=test --yes'],
    params: ({ args, options }) => {
      const word = args[0] as string;
      const label = strings(options.label);
      return {
        kind: PRUNE_KINDS[word] ?? word,
        ...(label.length > 0 ? { label } : {}),
        ...(options.until !== undefined ? { until: options.until } : {}),
        ...(options.all ? { all: true } : {}),
      };
    },
  }),
  ...objectCommands('volume'),
  ...objectCommands('network'),
  {
    path: ['events'],
    summary: 'engine events as they happen until Ctrl-C (--until: one window)',
    kind: 'read',
    options: [
      { flags: '--since <time>', description: 'from (10m, 2h, ISO; default now)' },
      { flags: '--until <time>', description: 'to: print that window and exit' },
      { flags: '--type <type>', description: 'container|image|volume|network|daemon|plugin' },
      { flags: '--container <name>', description: 'events of one container', completes: 'container' },
    ],
    run: async ({ options }, session) => {
      const { streamEvents } = await import('../streams/stream-events.js');
      const pick = (k: string) => (typeof options[k] === 'string' ? { [k]: options[k] as string } : {});
      return streamEvents(session, {
        ...pick('since'),
        ...pick('until'),
        ...pick('type'),
        ...pick('container'),
      });
    },
  },
];

/** `volumes [ls|create|rm]`, `networks [ls|create|rm]`. */
function objectCommands(kind: 'volume' | 'network'): CommandSpec[] {
  const group = `${kind}s`;
  const list = toolCommand({
    path: [group, 'ls'],
    summary: `list ${group}`,
    kind: 'read',
    tool: 'read',
    action: 'list',
    pages: true,
    options: [{ flags: '--filter <name=x|label=k=v...>', description: 'name contains x; label k (=v)' }],
    params: ({ options }) => ({ kind, ...listFilters(options.filter) }),
  });
  return [
    list,
    toolCommand({
      path: [group, 'create'],
      summary: `create a ${kind}`,
      kind: 'add',
      tool: 'create',
      action: kind,
      args: [{ name: 'name', description: `${kind} name`, required: kind === 'network' }],
      options: [{ flags: '-l, --label <key=value...>', description: 'labels' }],
      params: ({ args, options }) => {
        const labels = keyValues(options.label, '--label');
        return { ...(args[0] ? { name: args[0] } : {}), ...(labels ? { labels } : {}) };
      },
    }),
    toolCommand({
      path: [group, 'rm'],
      summary: `remove ${group} (asks first; --yes, --dry-run)`,
      kind: 'lose',
      tool: 'remove',
      action: 'remove',
      args: [{ name: 'name', description: `${kind} names`, required: true, variadic: true, completes: kind }],
      ...(kind === 'volume' ? { options: [{ flags: '-f, --force', description: 'also when in use' }] } : {}),
      params: ({ args, options }) =>
        args.map((id) => ({ kind, id, ...(options.force ? { force: true } : {}) })),
    }),
  ];
}

import type { CommandSpec } from '../command-spec.js';

/** `stats [CONTAINER...]`: the read tool's stats action, once (--no-stream) or every 2 s. */
export const statsCommand: CommandSpec = {
  path: ['stats'],
  summary: 'CPU, memory, net and block I/O of containers (live until Ctrl-C; --no-stream: once)',
  kind: 'read',
  args: [
    {
      name: 'container',
      description: 'names or ids (default: every running one)',
      variadic: true,
      completes: 'container',
    },
  ],
  options: [{ flags: '--no-stream', description: 'read once and exit' }],
  examples: ['berth stats --no-stream', 'berth stats web db'],
  run: async ({ args, options }, session) => {
    const { liveStats } = await import('../streams/live-stats.js');
    return liveStats(session, args, options.stream !== false);
  },
};

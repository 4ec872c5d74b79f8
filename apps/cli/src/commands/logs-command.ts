import type { CommandSpec } from '../command-spec.js';

/** `logs [-f] CONTAINER`: the read tool's logs action; -f polls it until Ctrl-C or the container stops. */
export const logsCommand: CommandSpec = {
  path: ['logs'],
  summary: "the end of a container's log (-f: follow until Ctrl-C or the container stops)",
  kind: 'read',
  args: [{ name: 'container', description: 'name or id', required: true, completes: 'container' }],
  options: [
    { flags: '-f, --follow', description: 'keep printing new lines until Ctrl-C or the container stops' },
    { flags: '-n, --tail <n>', description: 'lines from the end (100, at most 5000)', type: 'int' },
    { flags: '--since <time>', description: '10m, 2h, ISO time or epoch seconds' },
    { flags: '--until <time>', description: 'as --since (not with -f)' },
    { flags: '-t, --timestamps', description: "show each line's time" },
  ],
  examples: ['berth logs -f --tail 20 web', 'berth logs --since 10m web --json'],
  run: async ({ args, options }, session) => {
    const { followLogs, printLogs } = await import('../streams/follow-logs.js');
    const request = {
      id: args[0] as string,
      timestamps: options.timestamps === true,
      ...(options.tail !== undefined ? { tail: options.tail as number } : {}),
      ...(options.since !== undefined ? { since: options.since as string } : {}),
      ...(options.until !== undefined ? { until: options.until as string } : {}),
    };
    return options.follow ? followLogs(session, request) : printLogs(session, request);
  },
};

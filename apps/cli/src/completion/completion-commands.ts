import type { CommandSpec, Completes } from '../command-spec.js';
import { EXIT_OK, EXIT_USAGE } from '../exit-codes.js';
import type { Session } from '../session.js';
import { completeWords } from './complete-words.js';
import { COMPLETION_SCRIPTS, SHELLS } from './completion-scripts.js';

/** Names of a kind on the default host (or --host); nothing at all when it cannot be read. */
async function names(session: Session, kind: Completes): Promise<string[]> {
  const { callTool } = await import('../call-tool.js');
  if (kind === 'stack') {
    const stacks = await callTool(session, 'compose_read', { action: 'ls' }, { kind: 'read' });
    return stacks.kind === 'ok' ? stacks.output.rows.map((r) => String(r.stack ?? '')).filter(Boolean) : [];
  }
  const params =
    kind === 'profile'
      ? { action: 'hosts' }
      : {
          action: 'list',
          kind,
          fields: ['name'],
          limit: 500,
          ...(kind === 'container' ? { state: 'all' } : {}),
        };
  const result = await callTool(session, 'read', params, { kind: 'read' });
  if (result.kind !== 'ok') return [];
  const key = kind === 'profile' ? 'host' : 'name';
  return result.output.rows
    .map((r) => String(r[key] ?? ''))
    .filter((n) => n.length > 0 && !n.includes('<none>'));
}

/** `completion bash|zsh|fish` and the hidden `__complete` the scripts call. */
export function completionCommands(table: () => readonly CommandSpec[]): CommandSpec[] {
  return [
    {
      path: ['completion'],
      summary: 'print the completion script for bash, zsh or fish',
      kind: 'local',
      args: [{ name: 'shell', description: SHELLS.join('|'), required: true, completes: 'shell' }],
      examples: ['source <(berth completion bash)', 'berth completion fish | source'],
      run: async ({ args }, session) => {
        const shell = args[0] as keyof typeof COMPLETION_SCRIPTS;
        if (!SHELLS.includes(shell)) {
          session.warn(`berth: no completion for '${String(shell).slice(0, 20)}'; use ${SHELLS.join(', ')}`);
          return EXIT_USAGE;
        }
        session.io.stdout.write(COMPLETION_SCRIPTS[shell]);
        return EXIT_OK;
      },
    },
    {
      path: ['__complete'],
      summary: 'candidates for the words typed so far (used by the completion scripts)',
      kind: 'local',
      takesRest: true,
      run: async ({ rest }, session) => {
        const offer = completeWords(table(), rest);
        const words =
          'words' in offer
            ? offer.words
            : offer.names === 'shell'
              ? [...SHELLS]
              : await names(session, offer.names);
        for (const w of words) session.print(w);
        return EXIT_OK;
      },
    },
  ];
}

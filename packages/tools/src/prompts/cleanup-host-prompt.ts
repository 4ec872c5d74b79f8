import type { GetPromptResult } from '@modelcontextprotocol/server';
import { hostPart } from './prompt-args.js';
import { steps, type ToolRefs } from './tool-refs.js';

const LEVELS = ['cleanup_safe', 'cleanup_moderate', 'cleanup_aggressive'] as const;

/** A safe cleanup: measure, preview, dry run, confirm, then check what was freed. */
export function cleanupHostText(refs: ToolRefs, host: string | undefined): string {
  const where = host ? `host "${host}"` : 'the default host';
  const on = host ? ` (host: "${host}")` : '';
  const df = refs.call('df');
  const preview = refs.call('cleanup');
  const tool = refs.mutatingWith(LEVELS);
  const act = tool
    ? [
        `Dry run: \`${tool.name}\` action cleanup_<level> with dry_run: true${hostPart(host)} (cleanup_aggressive also needs volumes: true). Show me the plan: what would be removed and how much space it frees.`,
        'Ask me to confirm that plan. Only after I say yes, make the same call without dry_run and with the confirm_token the dry run returned (the client may ask me again).',
        df && `Check: ${df}${on} again, and report what was freed.`,
      ]
    : [
        'This server serves no cleanup tool (read-only mode or toolsets): stop after the preview and tell me what a cleanup would free.',
      ];
  return [
    `Free disk space on ${where} safely, with berth's tools. Nothing is removed without my confirmation.`,
    '',
    steps([
      df && `Measure: ${df}${on}: how much images, containers, volumes and build cache take.`,
      preview && `Preview: ${preview}${on}: what each cleanup level would remove and free.`,
      'Pick the smallest level that frees enough: safe (stopped containers, dangling images, unused networks) < moderate (+ images no container uses) < aggressive (+ unused volumes: their data is gone for good). Never pick aggressive unless I explicitly agree to delete volumes.',
      ...act,
    ]),
  ].join('\n');
}

export function cleanupHostPrompt(refs: ToolRefs, host?: string): GetPromptResult {
  return {
    description: `Clean up ${host ?? 'the default host'}`,
    messages: [{ role: 'user', content: { type: 'text', text: cleanupHostText(refs, host) } }],
  };
}

import type { GetPromptResult } from '@modelcontextprotocol/server';
import { hostPart } from './prompt-args.js';
import { steps, type ToolRefs } from './tool-refs.js';

/** What an agent should read, in order, to find out why a container misbehaves. */
export function diagnoseContainerText(refs: ToolRefs, container: string, host: string | undefined): string {
  const args = `id: "${container}"${hostPart(host)}`;
  const where = host ? `on host "${host}"` : 'on the default host';
  // The container tool is the read tool with both info and logs.
  const info = refs.call('info', ['logs']);
  const logs = refs.call('logs', ['info']);
  const stats = refs.call('stats', ['logs']);
  const top = refs.call('top', ['logs']);
  const df = refs.call('df');
  const hostUri = host ?? '<host>';
  return [
    `Diagnose container "${container}" ${where} with berth's tools. Read first; change nothing unless I ask.`,
    '',
    steps([
      info &&
        `State: ${info} (${args}). Look at state, exitCode, health, restarts and startedAt: a non-zero exit code or many restarts means a crash loop; 137 is usually a kill or OOM.`,
      logs &&
        `Logs: ${logs} (${args}, tail: 100). Find the first error, not the last symptom; for a crash loop narrow with since: "10m". (Also readable as resource berth://${hostUri}/containers/${container}/logs.)`,
      stats &&
        `Resources: ${stats} (${args}). Memory near its limit points at OOM; CPU pinned at 100% per CPU at a busy loop; pids growing at a leak.`,
      top && `Processes (if running): ${top} (${args}): is the expected process there?`,
      info &&
        `Config: in the same info answer check image, cmd, ports, mounts, networks and env (values are masked) against what the service needs.`,
      df && `Host: if the engine or disk may be involved, ${df}${host ? ` (host: "${host}")` : ''}.`,
    ]),
    '',
    'Then report: what is wrong, the evidence (quote the log lines), and the smallest fix. Propose any restart or change and wait for my go-ahead.',
  ].join('\n');
}

export function diagnoseContainerPrompt(refs: ToolRefs, container: string, host?: string): GetPromptResult {
  return {
    description: `Diagnose container ${container}`,
    messages: [
      { role: 'user', content: { type: 'text', text: diagnoseContainerText(refs, container, host) } },
    ],
  };
}

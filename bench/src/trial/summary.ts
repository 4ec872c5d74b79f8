/**
 * Figures of a blind trial from the broker's call log: calls, error answers (each one a
 * wrong guess the agent had to correct) and bytes read per task, text and structured.
 *   tsx bench/src/trial/summary.ts <calls.jsonl>
 */
import { readFileSync } from 'node:fs';

interface Call {
  task: string;
  tool: string;
  arguments: Record<string, unknown>;
  isError: boolean;
  textBytes: number;
  structuredBytes: number;
}

const file = process.argv[2];
if (!file) {
  process.stderr.write('usage: summary.ts <calls.jsonl>\n');
  process.exit(2);
}
const calls = readFileSync(file, 'utf8')
  .trim()
  .split('\n')
  .filter((l) => l !== '')
  .map((l) => JSON.parse(l) as Call);
const tasks = [...new Set(calls.map((c) => c.task))].sort();
const row = (name: string, list: Call[]) => {
  const errors = list.filter((c) => c.isError).length;
  const text = list.reduce((s, c) => s + c.textBytes, 0);
  const structured = list.reduce((s, c) => s + c.structuredBytes, 0);
  return `| ${name} | ${list.length} | ${errors} | ${text} | ${structured} |`;
};
const lines = [
  '| task | calls | error answers | text bytes read | structuredContent bytes |',
  '|---|---|---|---|---|',
];
for (const task of tasks)
  lines.push(
    row(
      task,
      calls.filter((c) => c.task === task),
    ),
  );
lines.push(row('**all**', calls));
process.stdout.write(`${lines.join('\n')}\n`);
for (const c of calls.filter((x) => x.isError)) {
  process.stdout.write(`- ${c.task}: ${c.tool} ${JSON.stringify(c.arguments)}\n`);
}

/**
 * What the blind agent runs: one tool call through the trial broker, printing only the
 * text a model reads (and "ERROR:" first when the result is an error).
 *   tsx bench/src/trial/call.ts <socket> <task-id> <tool> '<json arguments>'
 *   tsx bench/src/trial/call.ts <socket> --list
 */
import { connect } from 'node:net';

const [socket, task, tool, json] = process.argv.slice(2);
if (!socket || !task) {
  process.stderr.write("usage: call.ts <socket> <task-id> <tool> '<json>' | call.ts <socket> --list\n");
  process.exit(2);
}
const request =
  task === '--list' ? { list: true } : { task, tool, arguments: json ? (JSON.parse(json) as unknown) : {} };
const conn = connect(socket);
let buffer = '';
conn.setEncoding('utf8').on('data', (chunk: string) => {
  buffer += chunk;
});
conn.on('end', () => {
  const reply = JSON.parse(buffer) as { text: string; isError: boolean };
  process.stdout.write(`${reply.isError ? 'ERROR: ' : ''}${reply.text}\n`);
});
conn.write(`${JSON.stringify(request)}\n`);

import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import {
  Client,
  type JSONRPCMessage,
  ReadBuffer,
  serializeMessage,
  type Transport,
} from '@modelcontextprotocol/client';
import { bin } from './bin.test-support.js';

/** The MCP client side of a server process we spawned ourselves: closing it leaves the process alone. */
class ChildTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private readonly buffer = new ReadBuffer();

  constructor(private readonly child: ChildProcess) {}

  async start(): Promise<void> {
    this.child.stdout?.on('data', (chunk: Buffer) => {
      this.buffer.append(chunk);
      for (let message = this.buffer.readMessage(); message; message = this.buffer.readMessage())
        this.onmessage?.(message);
    });
    this.child.once('exit', () => this.onclose?.());
  }

  async send(message: JSONRPCMessage): Promise<void> {
    this.child.stdin?.write(serializeMessage(message));
  }

  async close(): Promise<void> {}
}

export interface ServerProcess extends AsyncDisposable {
  child: ChildProcess;
  client: Client;
  stderr(): string;
  /** Exit code and signal, once the process has exited. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/**
 * The built berth-mcp as a child process whose lifetime the test watches: the SDK's
 * StdioClientTransport kills its server on close, which would hide whether it exits alone.
 */
export async function spawnServer(args: string[], env: Record<string, string> = {}): Promise<ServerProcess> {
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? '', ...env };
  if (process.env.DOCKER_HOST && childEnv.DOCKER_HOST === undefined)
    childEnv.DOCKER_HOST = process.env.DOCKER_HOST;
  const child = spawn(process.execPath, [bin, ...args], {
    env: childEnv,
    stdio: ['pipe', 'pipe', 'pipe'],
    shell: false,
  });
  const exited = once(child, 'exit').then(([code, signal]) => ({
    code: code as number | null,
    signal: signal as NodeJS.Signals | null,
  }));
  let log = '';
  child.stderr.on('data', (chunk: Buffer) => {
    log += chunk.toString('utf8');
  });
  const client = new Client({ name: 'berth-redteam', version: '0' });
  await client.connect(new ChildTransport(child));
  return {
    child,
    client,
    stderr: () => log,
    exited,
    async [Symbol.asyncDispose]() {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await exited;
      }
    },
  };
}

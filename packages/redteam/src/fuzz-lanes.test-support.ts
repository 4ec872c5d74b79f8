import { ProtocolError, SdkError, SdkErrorCode } from '@modelcontextprotocol/client';
import { type AttackClient, type AttackClientOptions, attackClient } from './bin.test-support.js';

/** What one tool call came back as, seen from the client. */
export type FuzzOutcome =
  | { kind: 'result'; text: string; isError: boolean; structured: unknown }
  | { kind: 'rpc-error'; code: number; message: string }
  | { kind: 'lost'; message: string }
  | { kind: 'timeout'; message: string }
  | { kind: 'client-error'; message: string };

/** Longer than any deadline berth sets itself: a call past it never ended. */
export const CALL_TIMEOUT_MS = 120_000;

interface Lane {
  options: AttackClientOptions;
  client: AttackClient;
  closed: boolean;
  /** stderr of every server process this lane ran, the current one last. */
  logs: (() => string)[];
}

/**
 * Several berth-mcp processes, each driven by its own SDK client. A process that closes
 * its connection has crashed (nothing here closes one before dispose): the lane starts
 * a new one, so the fuzz goes on and shrinking can replay, and the restart is counted.
 */
export class FuzzLanes implements AsyncDisposable {
  restarts = 0;
  calls = 0;

  private constructor(private readonly lanes: Lane[]) {}

  static async start(options: AttackClientOptions[]): Promise<FuzzLanes> {
    const lanes = new FuzzLanes([]);
    for (const o of options) lanes.lanes.push(await lanes.open(o, []));
    return lanes;
  }

  get size(): number {
    return this.lanes.length;
  }

  private async open(options: AttackClientOptions, logs: (() => string)[]): Promise<Lane> {
    const client = await attackClient(options);
    const lane: Lane = { options, client, closed: false, logs: [...logs, () => client.stderr()] };
    client.client.onclose = () => {
      lane.closed = true;
    };
    // Lists tools so the client checks every structured answer against its outputSchema.
    await client.client.listTools();
    return lane;
  }

  /** tools/list as the first lane's server answers it. */
  async tools(): Promise<{ name: string; inputSchema: object }[]> {
    const first = this.lanes[0];
    if (!first) throw new Error('no lanes');
    return (await first.client.client.listTools()).tools;
  }

  /** The stderr of every server process of every lane. */
  logs(): string[] {
    return this.lanes.flatMap((l) => l.logs.map((log) => log()));
  }

  async call(index: number, tool: string, args: Record<string, unknown> | undefined): Promise<FuzzOutcome> {
    const lane = this.lanes[index];
    if (!lane) throw new Error(`no lane ${index}`);
    this.calls++;
    const outcome = await callOnce(lane, tool, args);
    if (lane.closed) {
      this.restarts++;
      const at = this.lanes.indexOf(lane);
      await Promise.resolve(lane.client[Symbol.asyncDispose]()).catch(() => {});
      this.lanes[at] = await this.open(lane.options, lane.logs);
      if (outcome.kind !== 'lost') return { kind: 'lost', message: 'the server closed the connection' };
    }
    return outcome;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    for (const lane of this.lanes) await Promise.resolve(lane.client[Symbol.asyncDispose]()).catch(() => {});
  }
}

async function callOnce(
  lane: Lane,
  tool: string,
  args: Record<string, unknown> | undefined,
): Promise<FuzzOutcome> {
  try {
    const result = await lane.client.client.callTool(
      args === undefined ? { name: tool } : { name: tool, arguments: args },
      { timeout: CALL_TIMEOUT_MS },
    );
    const text = ((result.content ?? []) as { text?: string }[]).map((c) => c.text ?? '').join('\n');
    return { kind: 'result', text, isError: result.isError === true, structured: result.structuredContent };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (error instanceof SdkError && error.code === SdkErrorCode.RequestTimeout)
      return { kind: 'timeout', message };
    if (lane.closed || (error instanceof SdkError && error.code === SdkErrorCode.ConnectionClosed)) {
      return { kind: 'lost', message };
    }
    if (error instanceof ProtocolError) return { kind: 'rpc-error', code: error.code, message };
    return { kind: 'client-error', message };
  }
}

import type { CallToolResult } from '@modelcontextprotocol/client';
import type { CallerIdentity } from './tool-source.js';

/** `_meta` key of a result the aggregator made from a failed call: the error's code. */
export const ERROR_CODE_META_KEY = 'berth/errorCode';

/** One tool call as interceptors see it. */
export interface InterceptedCall {
  /** The name the client called (maybe `server__tool`). */
  name: string;
  /** The source that serves it and the tool's own name there. */
  source: string;
  tool: string;
  arguments: Record<string, unknown>;
  caller: CallerIdentity;
  /** True when the source audits its own calls (berth's runner). */
  audited: boolean;
}

/** An interceptor's refusal: the call does not run and the client gets `message` as an error. */
export interface CallRefusal {
  refuse: string;
}

/**
 * A plug-in around every tool call. `before` runs in order and may change the call or
 * refuse it; `after` runs in reverse order and may change the result. `after` also sees
 * results that are errors (`isError`), including a failed call turned into one.
 */
export interface ToolCallInterceptor {
  readonly name: string;
  before?(call: InterceptedCall): InterceptedCall | CallRefusal | Promise<InterceptedCall | CallRefusal>;
  after?(call: InterceptedCall, result: CallToolResult): CallToolResult | Promise<CallToolResult>;
}

export function isRefusal(value: InterceptedCall | CallRefusal): value is CallRefusal {
  return typeof (value as CallRefusal).refuse === 'string';
}

import type { ReadResourceResult } from '@modelcontextprotocol/server';
import { deepMask } from '../framework/deep-mask.js';
import type { HostCall } from '../framework/host-call.js';
import type { ToolContext } from '../framework/tool-context.js';
import { ToolError } from '../framework/tool-error.js';
import { composeDriver, resolveStack, stackParam } from '../tools/compose-stack.js';
import { matchNames } from './name-completions.js';

export const COMPOSE_FILE_TEMPLATE = 'berth://{host}/stacks/{stack}/compose';
export const COMPOSE_LOGS_TEMPLATE = 'berth://{host}/stacks/{stack}/logs';

/** The end of a stack's logs: enough to diagnose, small enough for a context window. */
const TAIL = 200;
const COMPLETE_TIMEOUT_MS = 3_000;

/** The `{stack}` of a URI, checked like a tool's `stack`. */
export function stackOf(value: string | string[] | undefined): string {
  const parsed = stackParam.safeParse(Array.isArray(value) ? value[0] : value);
  if (!parsed.success) {
    throw new ToolError('INVALID', `Bad stack in URI: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  }
  return parsed.data;
}

/** The stack's resolved compose model (interpolated, merged, long syntax) as masked JSON. */
export async function readComposeFile(
  uri: string,
  call: HostCall,
  stack: string,
): Promise<ReadResourceResult> {
  const { discovered } = await resolveStack(call, { stack });
  if (!discovered)
    throw new ToolError('NOT_FOUND', `The files of stack "${stack}" are not readable on the host`);
  const body = {
    stack: discovered.name,
    dir: discovered.workingDir,
    files: discovered.files,
    model: discovered.model,
  };
  return {
    contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(deepMask(body, call.masker)) }],
  };
}

/** The last lines of every container of the stack, as compose prints them (masked). */
export async function readComposeLogs(
  uri: string,
  call: HostCall,
  stack: string,
): Promise<ReadResourceResult> {
  const { project } = await resolveStack(call, { stack });
  const logs = await (await composeDriver(call)).logs(project, { tail: TAIL }, { signal: call.signal });
  const text = call.masker.maskText(logs.text) || '(no log lines)';
  return { contents: [{ uri, mimeType: 'text/plain', text }] };
}

/** Completes `stack` from the compose labels of the chosen (or default) host's containers. */
export function stackCompleter(context: ToolContext) {
  return async (value: string, complete?: { arguments?: Record<string, string> }): Promise<string[]> => {
    try {
      const directory = await context.hosts();
      const wanted = complete?.arguments?.host;
      const host =
        wanted && directory.list().some((h) => h.name === wanted) ? wanted : directory.defaultHost();
      const engine = await directory.engine(host, { signal: AbortSignal.timeout(COMPLETE_TIMEOUT_MS) });
      const { COMPOSE_LABELS, stacksFromContainers } = await import('@berth/discovery');
      const page = await engine.containers.list({
        all: true,
        filters: { label: [COMPOSE_LABELS.project] },
        timeoutMs: COMPLETE_TIMEOUT_MS,
      });
      return matchNames(
        value,
        stacksFromContainers(page.items).map((s) => s.project),
      );
    } catch (error) {
      context.logger.debug({ err: error }, 'stack completion failed');
      return [];
    }
  };
}

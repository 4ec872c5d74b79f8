import { clip, readHostParam, writeHostParam } from './host-param.js';
import { ToolError } from './tool-error.js';
import type { ActionSpec, ToolSpec } from './tool-spec.js';

export interface ParsedRequest {
  actionName: string;
  action: ActionSpec;
  host: string | string[] | undefined;
  dryRun: boolean;
  params: Record<string, unknown>;
}

/** Checks the envelope (`action`, `host`, `dry_run`) and then the action's own params. */
export function parseRequest(spec: ToolSpec, args: unknown): ParsedRequest {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new ToolError('INVALID', `Arguments of ${spec.name} must be an object with an action`);
  }
  const { action: actionName, host, dry_run, ...rest } = args as Record<string, unknown>;
  const names = Object.keys(spec.actions);
  const action = typeof actionName === 'string' ? spec.actions[actionName] : undefined;
  if (!action || !Object.hasOwn(spec.actions, actionName as string)) {
    const given = typeof actionName === 'string' ? `Unknown action '${clip(actionName)}'` : 'Missing action';
    throw new ToolError('INVALID', `${given} for ${spec.name}; use one of: ${names.join(', ')}`);
  }
  const hostResult = (spec.safety === 'read' ? readHostParam : writeHostParam).safeParse(host);
  if (!hostResult.success) {
    const what = spec.safety === 'read' ? 'a profile name, a list of them, or "*"' : 'one profile name';
    throw new ToolError('INVALID', `host must be ${what}`);
  }
  if (dry_run !== undefined && (spec.safety !== 'destructive' || typeof dry_run !== 'boolean')) {
    throw new ToolError('INVALID', `dry_run must be a boolean, on destructive tools only`);
  }
  const allowed = Object.keys(action.params.shape);
  const extra = Object.keys(rest).find((key) => !allowed.includes(key));
  if (extra !== undefined) {
    const takes = allowed.length > 0 ? `it takes: ${allowed.join(', ')}` : 'it takes no params';
    throw new ToolError('INVALID', `'${clip(extra, 40)}' does not apply to action ${actionName} (${takes})`);
  }
  const params = action.params.parse(rest) as Record<string, unknown>;
  return {
    actionName: actionName as string,
    action,
    host: hostResult.data,
    dryRun: dry_run === true,
    params,
  };
}

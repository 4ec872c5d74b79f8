import { clip, readHostParam, writeHostParam } from './host-param.js';
import { ToolError } from './tool-error.js';
import { type ActionSpec, confirmable, type ToolSpec } from './tool-spec.js';

export interface ParsedRequest {
  actionName: string;
  action: ActionSpec;
  host: string | string[] | undefined;
  dryRun: boolean;
  confirmToken: string | undefined;
  params: Record<string, unknown>;
}

/** The framework's params an action accepts besides its own, for messages. */
function envelopeParams(action: ActionSpec): string[] {
  const names = action.configOnly ? [] : ['host'];
  if (confirmable(action)) names.push('dry_run', 'confirm_token');
  return names;
}

/** Checks the envelope (`action`, `host`, `dry_run`, `confirm_token`) and then the action's own params. */
export function parseRequest(spec: ToolSpec, args: unknown): ParsedRequest {
  if (typeof args !== 'object' || args === null || Array.isArray(args)) {
    throw new ToolError('INVALID', `Arguments of ${spec.name} must be an object with an action`);
  }
  const { action: actionName, host, dry_run, confirm_token, ...rest } = args as Record<string, unknown>;
  const names = Object.keys(spec.actions);
  const action = typeof actionName === 'string' ? spec.actions[actionName] : undefined;
  if (!action || !Object.hasOwn(spec.actions, actionName as string)) {
    const given = typeof actionName === 'string' ? `Unknown action '${clip(actionName)}'` : 'Missing action';
    throw new ToolError('INVALID', `${given} for ${spec.name}; use one of: ${names.join(', ')}`);
  }
  const read = action.effect === 'read';
  const own = Object.keys(action.params.shape);
  const takes = [...own, ...envelopeParams(action)];
  const refuse = (key: string): never => {
    const list = takes.length > 0 ? `it takes: ${takes.join(', ')}` : 'it takes no params';
    throw new ToolError('INVALID', `'${clip(key, 40)}' does not apply to action ${actionName} (${list})`);
  };
  if (host !== undefined && action.configOnly) refuse('host');
  const hostResult = (read ? readHostParam : writeHostParam).safeParse(host);
  if (!hostResult.success) {
    const what = read ? 'a profile name, a list of them, or "*"' : 'one profile name';
    throw new ToolError('INVALID', `host must be ${what}`);
  }
  if (dry_run !== undefined || confirm_token !== undefined) {
    if (!confirmable(action)) refuse(dry_run !== undefined ? 'dry_run' : 'confirm_token');
    if (dry_run !== undefined && typeof dry_run !== 'boolean') {
      throw new ToolError('INVALID', 'dry_run must be a boolean (true or false, not a string)');
    }
    if (confirm_token !== undefined && (typeof confirm_token !== 'string' || confirm_token.length > 200)) {
      throw new ToolError('INVALID', 'confirm_token must be the string a plan answer returned');
    }
  }
  const extra = Object.keys(rest).find((key) => !own.includes(key));
  if (extra !== undefined) refuse(extra);
  const params = action.params.parse(rest) as Record<string, unknown>;
  return {
    actionName: actionName as string,
    action,
    host: hostResult.data,
    dryRun: dry_run === true,
    confirmToken: confirm_token as string | undefined,
    params,
  };
}

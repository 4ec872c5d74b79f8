/** Whether a parsed JSON value is an object (not null, not an array): a JSON-RPC body, params, `_meta`. */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

import type { CallToolResult, StandardSchemaV1 } from '@modelcontextprotocol/client';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** Why a content block cannot be masked, or undefined when it can. */
function blockProblem(block: unknown): string | undefined {
  if (!isObject(block) || typeof block.type !== 'string') return 'is not an object with a string type';
  if (block.type === 'text' && typeof block.text !== 'string') return 'is a text block without a string text';
  if (block.type === 'resource') {
    if (!isObject(block.resource)) return 'is a resource block without a resource object';
    if ('text' in block.resource && typeof block.resource.text !== 'string')
      return 'is a resource block whose text is not a string';
  }
  return undefined;
}

/**
 * The result schema of a backend's `tools/call`: the outline of a CallToolResult that the
 * gateway's own steps rely on (an object; `content` an array of typed blocks, missing
 * meaning none; text where masking reads text; `isError` a boolean). Every answer the
 * gateway forwards is validated in full once more as it answers its client, after masking
 * (by the SDK's server, or by the gateway's fast path, which answers only results of plain
 * text blocks itself); checking it in full here too (what `Client.callTool` does) parsed
 * each result twice with the same schema.
 */
export const toolResultShape: StandardSchemaV1<unknown, CallToolResult> = {
  '~standard': {
    version: 1,
    vendor: 'berth',
    validate(value) {
      const fail = (message: string, path: PropertyKey[] = []) => ({ issues: [{ message, path }] });
      if (!isObject(value)) return fail('the tools/call result is not an object');
      if (value.isError !== undefined && typeof value.isError !== 'boolean')
        return fail('isError is not a boolean', ['isError']);
      if (value.content === undefined) return { value: { ...value, content: [] } as CallToolResult };
      if (!Array.isArray(value.content)) return fail('content is not an array', ['content']);
      for (const [index, block] of value.content.entries()) {
        const problem = blockProblem(block);
        if (problem) return fail(`content[${index}] ${problem}`, ['content', index]);
      }
      return { value: value as CallToolResult };
    },
  },
};

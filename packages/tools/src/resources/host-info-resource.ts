import { engineInfo, engineVersion } from '@berth/engine';
import type { ReadResourceResult } from '@modelcontextprotocol/server';
import { deepMask } from '../framework/deep-mask.js';
import type { ToolContext } from '../framework/tool-context.js';
import { engineSummaryRow } from '../tools/engine-rows.js';
import type { ResourceHost } from './resource-host.js';

export const HOST_INFO_TEMPLATE = 'berth://{host}/info';

/** The profile and its engine: version, counts, driver, CPUs, memory (masked JSON). */
export async function readHostInfo(
  uri: string,
  target: ResourceHost,
  context: ToolContext,
  signal: AbortSignal,
): Promise<ReadResourceResult> {
  const docker = await target.docker();
  const { host } = target;
  const options = { signal, ...(host.timeoutMs ? { timeoutMs: host.timeoutMs } : {}) };
  const [v, i] = await Promise.all([engineVersion(docker, options), engineInfo(docker, options)]);
  const info = {
    host: {
      name: host.name,
      type: host.type,
      default: host.isDefault,
      readOnly: host.readOnly,
      ...(host.description ? { description: host.description } : {}),
    },
    engine: {
      version: v.version,
      api: v.apiVersion,
      arch: v.arch,
      kernel: v.kernelVersion,
      ...engineSummaryRow(i),
    },
  };
  const text = JSON.stringify(deepMask(info, context.masker));
  return { contents: [{ uri, mimeType: 'application/json', text }] };
}

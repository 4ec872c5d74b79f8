import type { ReadResourceResult } from '@modelcontextprotocol/server';
import { deepMask } from '../framework/deep-mask.js';
import type { HostCall } from '../framework/host-call.js';
import { engineSummaryRow } from '../tools/engine-rows.js';

export const HOST_INFO_TEMPLATE = 'berth://{host}/info';

/** The profile and its engine: version, counts, driver, CPUs, memory (masked JSON). */
export async function readHostInfo(uri: string, call: HostCall): Promise<ReadResourceResult> {
  const engine = await call.engine();
  const [v, i] = await Promise.all([engine.system.version(), engine.system.info()]);
  const { host } = call;
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
      ...(v.kernelVersion ? { kernel: v.kernelVersion } : {}),
      ...engineSummaryRow(i),
    },
  };
  const text = JSON.stringify(deepMask(info, call.masker));
  return { contents: [{ uri, mimeType: 'application/json', text }] };
}

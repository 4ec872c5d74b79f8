import { z } from 'zod';
import { action, defineTool, type HostCall } from '../framework/tool-spec.js';

const GB = 1024 ** 3;

type Opts = { abortSignal: AbortSignal };
/** dockerode takes an abort signal on these calls; its type definitions leave it out. */
interface SystemApi {
  ping(o: Opts): Promise<unknown>;
  version(o: Opts): Promise<Record<string, string>>;
  info(o: Opts): Promise<Record<string, unknown>>;
  df(o: Opts): Promise<unknown>;
}
const api = async (call: HostCall) => (await call.docker()) as unknown as SystemApi;

/** Reads about the engines themselves: which hosts exist, whether they answer, what they run. */
export const systemTool = defineTool({
  name: 'system',
  title: 'Hosts and engines',
  description: 'Configured hosts and their Docker engines.',
  safety: 'read',
  actions: {
    hosts: action({
      summary: 'configured hosts (profiles); touches no engine',
      params: z.object({}),
      allHosts: true,
      run: async (_p, call) => ({
        name: call.host.name,
        type: call.host.type,
        default: call.host.isDefault,
        readOnly: call.host.readOnly,
        ...(call.host.description ? { description: call.host.description } : {}),
      }),
    }),
    ping: action({
      summary: 'whether each engine answers, and how fast',
      params: z.object({}),
      allHosts: true,
      run: async (_p, call) => {
        const started = performance.now();
        await (await api(call)).ping({ abortSignal: call.signal });
        return { ok: true, ms: Math.round(performance.now() - started) };
      },
    }),
    version: action({
      summary: 'engine and API versions, OS, architecture',
      params: z.object({}),
      run: async (_p, call) => {
        const v = await (await api(call)).version({ abortSignal: call.signal });
        return { version: v.Version, api: v.ApiVersion, os: v.Os, arch: v.Arch, kernel: v.KernelVersion };
      },
    }),
    info: action({
      summary: 'engine summary: counts, driver, CPUs, memory',
      params: z.object({}),
      run: async (_p, call) => {
        const i = await (await api(call)).info({ abortSignal: call.signal });
        return {
          name: i.Name,
          version: i.ServerVersion,
          containers: i.Containers,
          running: i.ContainersRunning,
          paused: i.ContainersPaused,
          stopped: i.ContainersStopped,
          images: i.Images,
          driver: i.Driver,
          cpus: i.NCPU,
          memoryGb: Math.round((Number(i.MemTotal) / GB) * 10) / 10,
          os: i.OperatingSystem,
        };
      },
    }),
    df: action({
      summary: 'disk use by images, containers, volumes, build cache',
      params: z.object({}),
      run: async (_p, call) => {
        const df = (await (await api(call)).df({ abortSignal: call.signal })) as {
          Images?: { Size?: number; Containers?: number }[];
          Containers?: { SizeRw?: number }[];
          Volumes?: { UsageData?: { Size?: number; RefCount?: number } }[];
          BuildCache?: { Size?: number; InUse?: boolean }[];
        };
        const mb = (n: number) => Math.round(n / 1024 ** 2);
        const sum = <T>(xs: T[] | undefined, f: (x: T) => number) => (xs ?? []).reduce((a, x) => a + f(x), 0);
        return [
          {
            type: 'images',
            count: df.Images?.length ?? 0,
            sizeMb: mb(sum(df.Images, (x) => x.Size ?? 0)),
            unusedMb: mb(sum(df.Images, (x) => (x.Containers ? 0 : (x.Size ?? 0)))),
          },
          {
            type: 'containers',
            count: df.Containers?.length ?? 0,
            sizeMb: mb(sum(df.Containers, (x) => x.SizeRw ?? 0)),
          },
          {
            type: 'volumes',
            count: df.Volumes?.length ?? 0,
            sizeMb: mb(sum(df.Volumes, (x) => Math.max(0, x.UsageData?.Size ?? 0))),
            unusedMb: mb(
              sum(df.Volumes, (x) => (x.UsageData?.RefCount ? 0 : Math.max(0, x.UsageData?.Size ?? 0))),
            ),
          },
          {
            type: 'buildCache',
            count: df.BuildCache?.length ?? 0,
            sizeMb: mb(sum(df.BuildCache, (x) => x.Size ?? 0)),
          },
        ];
      },
    }),
  },
});

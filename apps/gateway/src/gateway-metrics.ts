import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The gateway's Prometheus figures. */
export interface GatewayMetrics {
  readonly registry: Registry;
  /** One tool call: its served name, whether it ended as an error, and how long it took. */
  observeCall(tool: string, failed: boolean, seconds: number): void;
  /** Prometheus text exposition of every figure. */
  render(): Promise<string>;
  readonly contentType: string;
}

export interface GatewayMetricsOptions {
  /** Running containers by server, read at each scrape (the backends know them). */
  containers?: () => Promise<Record<string, number>>;
}

/**
 * Calls, latency and errors by tool, and containers by server. Its own registry (not
 * prom-client's global one), so two gateways in one process never share figures. Tool
 * names come from the aggregated list, so label values stay a bounded set... except names
 * a client makes up: those are counted under `unknown`.
 */
export function createGatewayMetrics(
  known: (tool: string) => boolean,
  options: GatewayMetricsOptions = {},
): GatewayMetrics {
  const registry = new Registry();
  const calls = new Counter({
    name: 'berth_gateway_tool_calls_total',
    help: 'Tool calls answered, by tool and outcome (ok or error).',
    labelNames: ['tool', 'outcome'],
    registers: [registry],
  });
  const errors = new Counter({
    name: 'berth_gateway_tool_errors_total',
    help: 'Tool calls that ended as an error, by tool.',
    labelNames: ['tool'],
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'berth_gateway_tool_call_seconds',
    help: 'Tool call latency through the gateway, by tool.',
    labelNames: ['tool'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [registry],
  });
  new Gauge({
    name: 'berth_gateway_containers',
    help: 'Containers the gateway runs, by server.',
    labelNames: ['server'],
    registers: [registry],
    async collect() {
      const counts = await options.containers?.().catch(() => undefined);
      this.reset();
      for (const [server, count] of Object.entries(counts ?? {})) this.set({ server }, count);
    },
  });
  return {
    registry,
    contentType: registry.contentType,
    observeCall(tool, failed, seconds) {
      const label = known(tool) ? tool : 'unknown';
      calls.inc({ tool: label, outcome: failed ? 'error' : 'ok' });
      if (failed) errors.inc({ tool: label });
      latency.observe({ tool: label }, seconds);
    },
    render: () => registry.metrics(),
  };
}

// Public API of @berth/gateway (the berth-gateway app), for embedding and tests.

export { bearerMatches, type GatewayToken, resolveGatewayToken } from './bearer-token.js';
export { type BerthSurface, createBerthSurface } from './berth-surface.js';
export { BERTH_SOURCE, berthToolSource, gatewayCaller } from './berth-tool-source.js';
export {
  DEFAULT_MAX_BODY_BYTES,
  type GatewayCliOptions,
  parseGatewayOptions,
  USAGE,
  UsageError,
} from './cli-options.js';
export {
  createGatewayServer,
  GATEWAY_NAME,
  GATEWAY_VERSION,
  type GatewayServerOptions,
} from './create-gateway-server.js';
export { createGatewayMetrics, type GatewayMetrics } from './gateway-metrics.js';
export { DEFAULT_LISTEN, isLoopback, type ListenAddress, parseListenAddress } from './listen-address.js';
export {
  createGatewayParts,
  type GatewayParts,
  type GatewayPartsOptions,
  type HttpGatewayOptions,
  type RunningGateway,
  startHttpGateway,
} from './start-gateway.js';

// Public API of @berth/provisioning.

export { type AuditLine, type AuditSink, auditInterceptor } from './aggregate/audit-interceptor.js';
export { maskResultsInterceptor } from './aggregate/mask-results-interceptor.js';
export {
  type MergedTools,
  mergeNamed,
  mergeTools,
  type SourceTools,
  type ToolRoute,
} from './aggregate/merge-tools.js';
export {
  createPromptResourceAggregator,
  type PromptResourceAggregator,
  type PromptResourceAggregatorOptions,
} from './aggregate/prompt-resource-aggregator.js';
export {
  createToolAggregator,
  type ToolAggregator,
  type ToolAggregatorOptions,
} from './aggregate/tool-aggregator.js';
export {
  type CallRefusal,
  ERROR_CODE_META_KEY,
  type InterceptedCall,
  type ToolCallInterceptor,
} from './aggregate/tool-call-interceptor.js';
export { createToolListCache, type ToolListCache } from './aggregate/tool-list-cache.js';
export { MCP_TOOL_NAME, namespacedToolName, toMcpToolName } from './aggregate/tool-name.js';
export {
  backendToolSource,
  type CallerIdentity,
  type SourceCallOptions,
  type SourceRequestOptions,
  type ToolSource,
} from './aggregate/tool-source.js';
export type {
  BackendCallOptions,
  BackendKind,
  BackendRequestOptions,
  BackendSet,
  BackendSetChange,
  ListChangedKind,
  McpBackend,
} from './backend.js';
export { type BackendSetOptions, createBackendSet, type ManagedBackendSet } from './backend-set.js';
export { catalogJsonSchema } from './catalog-json-schema.js';
export {
  Catalog,
  CatalogServer,
  type CatalogServerInput,
  NetworkSpec,
  RemoteSpec,
  ServerName,
  VolumeSpec,
} from './catalog-schema.js';
export { ConcurrencyLimit } from './concurrency-limit.js';
export {
  type ContainerLauncherDeps,
  type ContainerNetwork,
  containerLauncher,
} from './container-launcher.js';
export {
  EGRESS_PROXY_ALIAS,
  EGRESS_PROXY_PORT,
  EgressNetwork,
  type EgressOptions,
  egressConnectPorts,
  egressFilter,
} from './egress-network.js';
export {
  currentOwner,
  GATEWAY_BOOT_LABEL,
  GATEWAY_HOST_LABEL,
  GATEWAY_LABEL,
  GATEWAY_PID_LABEL,
  GATEWAY_START_LABEL,
  type GatewayOwner,
  localProbe,
  ownerLabels,
  ownerOf,
  ownerState,
  type ProcessProbe,
  SERVER_LABEL,
  SESSION_LABEL,
} from './gateway-labels.js';
export { type LoadCatalogOptions, type LoadedCatalog, loadCatalog, secretNamesOf } from './load-catalog.js';
export { type LaunchedServer, type Launcher, McpInstance } from './mcp-instance.js';
export { ownSignalFetch } from './own-signal-fetch.js';
export { PooledBackend, type PooledBackendOptions } from './pooled-backend.js';
export {
  ProvisioningError,
  type ProvisioningErrorCode,
  type ProvisioningErrorData,
} from './provisioning-error.js';
export { type PulledImage, pullCatalogImages } from './pull-images.js';
export { type ReapOptions, type ReapResult, reapGateways } from './reaper.js';
export { remoteLauncher } from './remote-launcher.js';
export { buildRunSpec, parseMemory, type RunSpec, type RunSpecInput } from './run-spec.js';
export { parseHostPort, staticLauncher } from './static-launcher.js';
export { MAX_MESSAGE_BYTES, StreamTransport } from './stream-transport.js';
export { renderTemplate, type TemplateValues } from './template.js';
export { CatalogWatcher, type WatchCatalogOptions, watchCatalog } from './watch-catalog.js';

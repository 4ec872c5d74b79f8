// Public API of @berth/provisioning.

export { type AuditLine, type AuditSink, auditInterceptor } from './aggregate/audit-interceptor.js';
export { maskResultsInterceptor } from './aggregate/mask-results-interceptor.js';
export { type MergedTools, mergeTools, type SourceTools, type ToolRoute } from './aggregate/merge-tools.js';
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
export {
  Catalog,
  CatalogServer,
  type CatalogServerInput,
  NetworkSpec,
  RemoteSpec,
  ServerName,
  VolumeSpec,
} from './catalog-schema.js';
export { type LoadCatalogOptions, type LoadedCatalog, loadCatalog, secretNamesOf } from './load-catalog.js';
export {
  ProvisioningError,
  type ProvisioningErrorCode,
  type ProvisioningErrorData,
} from './provisioning-error.js';
export { CatalogWatcher, type WatchCatalogOptions, watchCatalog } from './watch-catalog.js';

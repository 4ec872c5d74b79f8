// Public API of @berth/provisioning.
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

// Public API of @berth/engine. The door for callers is HostEngine (bindEngine, openHostEngine):
// one object per host lease with the signal and deadline bound. The free functions below it
// are its implementation, exported for callers that hold a raw dockerode client.

export {
  DEFAULT_TRANSFER_TIMEOUT_MS,
  getArchive,
  type PutArchiveOptions,
  putArchive,
} from './archive.js';
export { type CallOptions, DEFAULT_TIMEOUT_MS } from './call-options.js';
export { attachContainer } from './container-attach.js';
export {
  type ContainerSpec,
  type CreatedContainer,
  createBody,
  createContainer,
  type MountSpec,
  type PortSpec,
  type RestartPolicySpec,
  runContainer,
} from './container-create.js';
export {
  DEFAULT_WAIT_TIMEOUT_MS,
  killContainer,
  type ProcessList,
  pauseContainer,
  type RemoveContainerOptions,
  removeContainer,
  renameContainer,
  restartContainer,
  type StopOptions,
  startContainer,
  stopContainer,
  topContainer,
  unpauseContainer,
  waitContainer,
} from './container-lifecycle.js';
export {
  type ContainerFilters,
  type ContainerState,
  type ContainerSummary,
  inspectContainer,
  type ListContainersOptions,
  listContainers,
  type PortSummary,
} from './containers.js';
export { type DiskUsage, type DiskUsageKind, diskUsage, summarizeDiskUsage } from './disk-usage.js';
export {
  DEFAULT_DISK_USAGE_TIMEOUT_MS,
  type DiskUsageBuildCache,
  type DiskUsageContainer,
  type DiskUsageDetail,
  type DiskUsageImage,
  type DiskUsageVolume,
  diskUsageDetail,
} from './disk-usage-detail.js';
export { EngineError, type EngineErrorCode, type EngineErrorData, isEngineError } from './engine-error.js';
export { DEFAULT_RUN_TIMEOUT_MS, type EngineLease, type EnginePool } from './engine-lease.js';
export { type EngineEvent, type EventOptions, streamEvents } from './events.js';
export {
  DEFAULT_EXEC_MAX_OUTPUT_BYTES,
  DEFAULT_EXEC_TIMEOUT_MS,
  type ExecOptions,
  type ExecResult,
  execInContainer,
} from './exec.js';
export {
  DEFAULT_EXEC_STREAM_CAPTURE_BYTES,
  DEFAULT_EXEC_STREAM_TIMEOUT_MS,
  type ExecStreamOptions,
  type ExecStreamResult,
  execStream,
} from './exec-stream.js';
export { type FanOutOperation, type FanOutOptions, type FanOutResult, fanOut } from './fan-out.js';
export type { LabelFilter } from './filters.js';
export { type Frame, FrameDemuxer, type StreamName } from './frame-demuxer.js';
export { type BindEngineOptions, bindEngine, type HostEngine } from './host-engine.js';
export type { HostContainers } from './host-engine-containers.js';
export type { HostImages } from './host-engine-images.js';
export type { HostNetworks } from './host-engine-networks.js';
export type { HostSystem } from './host-engine-system.js';
export type { HostVolumes } from './host-engine-volumes.js';
export {
  DEFAULT_PULL_TIMEOUT_MS,
  type PullOptions,
  type PullProgress,
  type PullResult,
  pullImage,
} from './image-pull.js';
export { type LoadedImages, loadImages, saveImage } from './image-transfer.js';
export {
  type ImageSummary,
  inspectImage,
  type ListImagesOptions,
  listImages,
  pruneImages,
  type RemovedImage,
  removeImage,
  tagImage,
} from './images.js';
export { DEFAULT_MAX_LINE_BYTES, LineSplitter, type SplitLine } from './line-splitter.js';
export { DEFAULT_LOG_LINE_MAX_BYTES, type LogLine } from './log-lines.js';
export {
  type ContainerLogOptions,
  type ContainerLogs,
  containerLogs,
  DEFAULT_LOG_MAX_BYTES,
  followLogs,
  type LogOptions,
} from './logs.js';
export {
  connectNetwork,
  createNetwork,
  disconnectNetwork,
  inspectNetwork,
  listNetworks,
  type NetworkFilters,
  type NetworkSpec,
  type NetworkSummary,
  pruneNetworks,
  removeNetwork,
} from './networks.js';
export { openHostEngine } from './open-host-engine.js';
export { type Page, type PageOptions, paginate, type SortKey } from './pagination.js';
export { DEFAULT_PRUNE_TIMEOUT_MS, type PruneResult } from './prune-result.js';
export { type ContainerStats, computeStats, containerStats, type RawStats } from './stats.js';
export {
  type EngineVersion,
  engineInfo,
  engineVersion,
  pingEngine,
  pruneContainers,
  type SystemPruneOptions,
  type SystemPruneResult,
  systemPrune,
} from './system.js';
export { parseTimeArg, type TimeValue } from './time-arg.js';
export { toEngineError } from './to-engine-error.js';
export {
  createVolume,
  inspectVolume,
  listVolumes,
  pruneVolumes,
  removeVolume,
  type VolumeFilters,
  type VolumeSpec,
  type VolumeSummary,
} from './volumes.js';

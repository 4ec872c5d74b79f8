// Public API of @berth/testkit (tests only; product code never imports it).
export { aptSource, parseMirror, TESTBED_PACKAGES } from './apt.js';
export { type ContainerSpec, runContainer, startContainer, TestContainer } from './container.js';
export { type CliDfRow, cliDfRows, DOCKER_SYSTEM_DF, parseHumanSize } from './docker-cli-df.js';
export { dockerClient, engineAnswers } from './docker-client.js';
export { type EngineStatus, ensureEngine } from './engine-bootstrap.js';
export { type EngineAvailability, engineSuite } from './engine-suite.js';
export { type EnsuredImage, ensureImage, type FixtureImage, fixtureTag } from './fixture-image.js';
export {
  ALL_FIXTURE_IMAGES,
  baseImage,
  busyboxImage,
  egressProxyImage,
  everythingServerImage,
  mariadbImage,
  mongoImage,
  postgresImage,
  redisImage,
  registryImage,
  remoteHostImage,
  sqliteImage,
  trixieHostImage,
} from './fixtures/all-fixture-images.js';
export { EVERYTHING_SERVER_ARGV } from './fixtures/everything-server-image.js';
export { freePort } from './free-port.js';
export {
  LABEL_HOST,
  LABEL_PID,
  LABEL_RUN,
  LABEL_SESSION,
  testHost,
  testLabels,
  testRunId,
} from './labels.js';
export { prepareTestbed } from './prepare.js';
export { startRegistry, TestRegistry } from './registry.js';
export {
  RemoteHost,
  type RemoteHostOptions,
  type RemoteUser,
  type SshProfileInput,
  startRemoteHost,
} from './remote-host.js';
export { type CommandResult, runCommand } from './run-command.js';
export { generateKeyPair, knownHostsLine, type SshKeyPair } from './ssh-keys.js';
export { listTestResources, type SweepOptions, type SweepResult, sweepLeftovers } from './sweep.js';
export { TestkitError, type TestkitErrorCode } from './testkit-error.js';
export { generateTlsFiles, type TlsFiles } from './tls-certs.js';
export { waitUntil } from './wait-until.js';

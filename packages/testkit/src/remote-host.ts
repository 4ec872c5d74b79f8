import { spawn } from 'node:child_process';
import { appendFileSync, chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shellJoin } from '@berth/security';
import type Docker from 'dockerode';
import { startContainer, type TestContainer } from './container.js';
import { ensureImage } from './fixture-image.js';
import { remoteHostImage } from './fixtures/remote-host-image.js';
import { trixieHostImage } from './fixtures/trixie-host-image.js';
import { allowlistedEnv, type CommandResult, runCommand } from './run-command.js';
import { generateKeyPair, knownHostsLine, type SshKeyPair } from './ssh-keys.js';
import { generateTlsFiles, type TlsFiles } from './tls-certs.js';
import { waitUntil } from './wait-until.js';

export type RemoteUser = 'root' | 'berth';

export interface RemoteHostOptions {
  /** Extra authorized_keys lines per user, added beside the generated client key. */
  authorizedKeys?: Partial<Record<RemoteUser, string[]>>;
  readyTimeoutMs?: number;
  /**
   * Also serve the engine API over TCP with `--tlsverify` (port 2376, published on
   * 127.0.0.1), with a throwaway CA, server and client certificates (`remote.tls`).
   */
  tls?: boolean;
  /**
   * Which host to start: `bookworm` (default: Docker 20.10, API 1.41, Compose v1) or
   * `trixie` (Docker 26.1, API 1.45, Compose v2 as `docker compose` and `docker-compose`).
   */
  flavour?: 'bookworm' | 'trixie';
}

/** The fields of a berth ssh profile this test bed fills in (testkit does not import @berth/config). */
export interface SshProfileInput {
  type: 'ssh';
  host: string;
  port: number;
  user: string;
  identityFile: string;
  knownHostsFile: string;
  hostKeyPolicy: 'strict' | 'accept-new' | 'insecure-ignore';
  connectTimeoutMs: number;
  [key: string]: unknown;
}

export interface SshOptions {
  user?: RemoteUser;
  identityFile?: string;
  knownHostsFile?: string;
  timeoutMs?: number;
  input?: string;
}

/**
 * A second Docker engine reached over SSH on 127.0.0.1: Docker-in-Docker with sshd,
 * key auth only, its host key generated here so a known_hosts file can pin it.
 */
export class RemoteHost implements AsyncDisposable {
  readonly host = '127.0.0.1';

  constructor(
    readonly container: TestContainer,
    /** Folder with the host key, authorized_keys and known_hosts (mounted at /berth/ssh). */
    readonly dir: string,
    readonly hostKey: SshKeyPair,
    /** Authorized for both `root` and `berth`. */
    readonly clientKey: SshKeyPair,
    readonly knownHostsFile: string,
    /** CA and certificates when started with `tls: true`. */
    readonly tls?: TlsFiles,
  ) {}

  /** The engine's TLS port on 127.0.0.1 (started with `tls: true`). */
  get tlsPort(): number {
    return this.container.hostPort(2376);
  }

  /** A berth `tcp` profile (config input) for this engine over TLS, client certificate included. */
  tcpProfile(overrides: Record<string, unknown> = {}): Record<string, unknown> {
    if (!this.tls) throw new Error('start the remote host with { tls: true } for a tcp profile');
    return {
      type: 'tcp',
      host: this.host,
      port: this.tlsPort,
      tls: { ca: this.tls.ca, cert: this.tls.clientCert, key: this.tls.clientKey, verify: true },
      ...overrides,
    };
  }

  get port(): number {
    return this.container.hostPort(22);
  }

  /** The line that pins this host's key, as OpenSSH writes it. */
  get knownHostsLine(): string {
    return knownHostsLine(this.host, this.port, this.hostKey.publicKey);
  }

  /**
   * A berth `ssh` profile (config input: defaults not applied) for this host: the
   * generated client key, host key pinned through this host's known_hosts, strict policy.
   */
  sshProfile(overrides: Record<string, unknown> = {}): SshProfileInput {
    return {
      type: 'ssh',
      host: this.host,
      port: this.port,
      user: 'root',
      identityFile: this.clientKey.privateKeyPath,
      knownHostsFile: this.knownHostsFile,
      hostKeyPolicy: 'strict',
      connectTimeoutMs: 10_000,
      ...overrides,
    };
  }

  /** Appends an authorized_keys line for `user`; sshd reads the file on every login. */
  authorize(user: RemoteUser, line: string): void {
    appendFileSync(join(this.dir, 'authorized_keys', user), `${line}\n`);
  }

  /** OpenSSH argv that runs `remoteArgv` on the host, every element quoted, host key checked. */
  sshArgv(remoteArgv: string[], options: SshOptions = {}): string[] {
    return [
      'ssh',
      '-F',
      '/dev/null',
      '-i',
      options.identityFile ?? this.clientKey.privateKeyPath,
      '-p',
      String(this.port),
      '-o',
      'BatchMode=yes',
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      'StrictHostKeyChecking=yes',
      '-o',
      `UserKnownHostsFile=${options.knownHostsFile ?? this.knownHostsFile}`,
      '-o',
      'GlobalKnownHostsFile=/dev/null',
      '-o',
      'ConnectTimeout=10',
      `${options.user ?? 'root'}@${this.host}`,
      '--',
      shellJoin(remoteArgv),
    ];
  }

  ssh(remoteArgv: string[], options: SshOptions = {}): Promise<CommandResult> {
    return runCommand(this.sshArgv(remoteArgv, options), {
      timeoutMs: options.timeoutMs ?? 60_000,
      check: false,
      ...(options.input === undefined ? {} : { input: options.input }),
    });
  }

  /** Copies a local image into the remote engine (`docker save | docker load`). */
  async loadImage(tag: string): Promise<void> {
    const save = spawn('docker', ['save', tag], {
      shell: false,
      env: allowlistedEnv(),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await runCommand(['docker', 'exec', '-i', this.container.id, 'docker', 'load', '-q'], {
      timeoutMs: 5 * 60_000,
      input: save.stdout,
    });
  }

  async [Symbol.asyncDispose](): Promise<void> {
    try {
      await this.container.remove();
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
    }
  }
}

export async function startRemoteHost(options: RemoteHostOptions = {}): Promise<RemoteHost> {
  const { tag } = await ensureImage(options.flavour === 'trixie' ? trixieHostImage : remoteHostImage);
  const dir = mkdtempSync(join(tmpdir(), 'berth-remote-'));
  try {
    const hostKey = await generateKeyPair(dir, 'ssh_host_ed25519_key');
    const keysDir = join(dir, 'client-keys');
    mkdirSync(keysDir, { mode: 0o700 });
    const clientKey = await generateKeyPair(keysDir, 'id_ed25519');
    // sshd reads authorized_keys as the logging-in user: `berth` must be able to reach its file.
    chmodSync(dir, 0o711);
    mkdirSync(join(dir, 'authorized_keys'), { mode: 0o711 });
    for (const user of ['root', 'berth'] as const) {
      const lines = [clientKey.publicKey, ...(options.authorizedKeys?.[user] ?? [])];
      writeFileSync(join(dir, 'authorized_keys', user), `${lines.join('\n')}\n`, { mode: 0o644 });
    }
    const binds = ['/sys/fs/cgroup:/sys/fs/cgroup:rw', `${dir}:/berth/ssh:ro`];
    let tls: TlsFiles | undefined;
    if (options.tls) {
      const tlsDir = join(dir, 'tls');
      mkdirSync(tlsDir, { mode: 0o700 });
      tls = await generateTlsFiles(tlsDir);
      // The fixture's dockerd has no -H flags, so daemon.json may name its listeners.
      const daemon = {
        hosts: ['unix:///var/run/docker.sock', 'tcp://0.0.0.0:2376'],
        tls: true,
        tlsverify: true,
        tlscacert: '/berth/ssh/tls/ca.pem',
        tlscert: '/berth/ssh/tls/server.pem',
        tlskey: '/berth/ssh/tls/server-key.pem',
      };
      writeFileSync(join(dir, 'daemon.json'), JSON.stringify(daemon));
      binds.push(`${join(dir, 'daemon.json')}:/etc/docker/daemon.json:ro`);
    }
    const container = await startContainer({
      image: tag,
      ports: options.tls ? [22, 2376] : [22],
      // CgroupnsMode, MaskedPaths and ReadonlyPaths (API 1.41) are missing from @types/dockerode, hence the cast.
      hostConfig: {
        // Docker-in-Docker without --privileged (TESTBED.md: the VM lacks CAP_SYS_RESOURCE).
        CapAdd: ['ALL'],
        CapDrop: ['SYS_RESOURCE'],
        SecurityOpt: ['seccomp=unconfined', 'apparmor=unconfined'],
        // The API form of `--security-opt systempaths=unconfined`.
        MaskedPaths: [],
        ReadonlyPaths: [],
        CgroupnsMode: 'host',
        Binds: binds,
      } as Docker.HostConfig,
    });
    const knownHostsFile = join(dir, 'known_hosts');
    const remote = new RemoteHost(container, dir, hostKey, clientKey, knownHostsFile, tls);
    writeFileSync(knownHostsFile, `${remote.knownHostsLine}\n`);
    try {
      await waitUntil(
        'remote host dockerd and sshd',
        async () => (await remote.ssh(['docker', 'version'], { timeoutMs: 15_000 })).exitCode === 0,
        {
          timeoutMs: options.readyTimeoutMs ?? 90_000,
          intervalMs: 500,
        },
      );
    } catch (error) {
      await remote[Symbol.asyncDispose]();
      throw error;
    }
    return remote;
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

import { composeArgv } from './compose-argv.js';
import type { ComposeDriver, JobControl } from './compose-driver-types.js';
import { ComposeError } from './compose-error.js';
import { type RunContext, runCompose, stderrTail } from './compose-runner.js';
import {
  BuildOptions,
  ConfigOptions,
  DownOptions,
  LogsOptions,
  LsOptions,
  PsOptions,
  PullOptions,
  RestartOptions,
  StartOptions,
  StopOptions,
  UpOptions,
} from './compose-schemas.js';
import { buildArgs, downArgs, logsArgs, pullArgs, stopArgs, upArgs } from './job-args.js';
import { CHANGE_MS, type DetectVersion, FOLLOW_MS, jobRunner, LONG_MS, READ_MS } from './job-runner.js';
import { parseProject } from './parsed-options.js';
import { projectContainers } from './project-containers.js';
import { COMPOSE_LABELS, stacksFromSummaries } from './v1-output.js';
import { parseV2Ls, parseV2Ps } from './v2-output.js';
import { waitHealthy } from './wait-healthy.js';

type Jobs = Omit<ComposeDriver, 'profile' | 'host' | 'masker' | 'version'>;

/** The jobs of one driver; `version` is the driver's cached detection. */
export function composeJobs(ctx: RunContext, version: DetectVersion): Jobs {
  const { simple, opts, engineCall } = jobRunner(ctx, version);

  const jobs: Jobs = {
    async ls(options, control) {
      const o = opts(LsOptions, options, 'ls');
      const v = await version(control);
      if (v.flavour === 'v1') {
        // v1 has no `ls`: its stacks are the projects named by its containers' labels.
        const page = await ctx.host.containers.list({
          all: true,
          filters: { label: [COMPOSE_LABELS.project] },
          ...engineCall(control),
        });
        return stacksFromSummaries(page.items, o.all);
      }
      const args = ['--format', 'json', ...(o.all ? ['--all'] : [])];
      const run = { operation: 'ls', defaultTimeoutMs: READ_MS, ...(control ? { control } : {}) };
      return parseV2Ls((await runCompose(ctx, composeArgv(v, undefined, 'ls', args), run)).stdout);
    },

    async ps(project, options, control) {
      const p = parseProject(project, 'ps');
      const o = opts(PsOptions, options, 'ps');
      const v = await version(control);
      if (v.flavour === 'v1') {
        return projectContainers(ctx.host, p.name, {
          services: o.services,
          all: o.all,
          ...engineCall(control),
        });
      }
      const args = ['--format', 'json', ...(o.all ? ['--all'] : [])];
      const argv = composeArgv(v, p, 'ps', args, o.services);
      const run = {
        operation: 'ps',
        project: p.name,
        defaultTimeoutMs: READ_MS,
        ...(control ? { control } : {}),
      };
      return parseV2Ps((await runCompose(ctx, argv, run)).stdout);
    },

    async config(project, options, control) {
      const p = parseProject(project, 'config');
      opts(ConfigOptions, options, 'config');
      const out = await simple('config', p, [], [], control, READ_MS);
      return { ...out, yaml: out.stdout };
    },

    async validate(project, control) {
      const p = parseProject(project, 'validate');
      const v = await version(control);
      const argv = composeArgv(v, p, 'config', ['--quiet']);
      const run = {
        operation: 'config',
        project: p.name,
        defaultTimeoutMs: READ_MS,
        ...(control ? { control } : {}),
      };
      const result = await runCompose(ctx, argv, run, true);
      if (result.exitCode !== 0) {
        throw new ComposeError(
          'INVALID',
          `the compose file of project "${p.name}" is not valid: ${stderrTail(ctx.masker, result.stderr || result.stdout)}`,
          { profile: ctx.host.profile, project: p.name, operation: 'validate', exitCode: result.exitCode },
        );
      }
    },

    async logs(project, options, control) {
      const p = parseProject(project, 'logs');
      const o = opts(LogsOptions, options, 'logs');
      const out = await simple('logs', p, logsArgs(o), o.services, control, o.follow ? FOLLOW_MS : READ_MS);
      return { ...out, text: out.stdout };
    },

    async up(project, options, control) {
      const p = parseProject(project, 'up');
      const o = opts(UpOptions, options, 'up');
      // A caller's timeoutMs bounds the whole job: pull, up and the wait share it.
      const end = control?.timeoutMs === undefined ? undefined : Date.now() + control.timeoutMs;
      const step = (): JobControl | undefined =>
        end === undefined ? control : { ...control, timeoutMs: Math.max(1, end - Date.now()) };
      const v = await version(step());
      // v1's `up` has no --pull: pulling is its own step for both.
      if (o.pull) await simple('pull', p, [], o.services, step(), LONG_MS);
      const out = await simple('up', p, upArgs(o, v.flavour === 'v2'), o.services, step(), LONG_MS);
      if (o.wait && v.flavour === 'v1') {
        const left = end === undefined ? o.waitTimeoutMs : Math.max(1, end - Date.now());
        const containers = await waitHealthy(ctx.host, p.name, {
          services: o.services,
          timeoutMs: Math.min(o.waitTimeoutMs, left),
          ...(control?.signal ? { signal: control.signal } : {}),
        });
        return { ...out, containers };
      }
      return { ...out, containers: await jobs.ps(p, { services: o.services }, step()) };
    },

    async down(project, options, control) {
      const p = parseProject(project, 'down');
      return simple('down', p, downArgs(opts(DownOptions, options, 'down')), [], control, CHANGE_MS);
    },

    async restart(project, options, control) {
      const p = parseProject(project, 'restart');
      const o = opts(RestartOptions, options, 'restart');
      return simple('restart', p, stopArgs(o), o.services, control, CHANGE_MS);
    },

    async stop(project, options, control) {
      const p = parseProject(project, 'stop');
      const o = opts(StopOptions, options, 'stop');
      return simple('stop', p, stopArgs(o), o.services, control, CHANGE_MS);
    },

    async start(project, options, control) {
      const p = parseProject(project, 'start');
      const o = opts(StartOptions, options, 'start');
      return simple('start', p, [], o.services, control, CHANGE_MS);
    },

    async pull(project, options, control) {
      const p = parseProject(project, 'pull');
      const o = opts(PullOptions, options, 'pull');
      return simple('pull', p, pullArgs(o), o.services, control, LONG_MS);
    },

    async build(project, options, control) {
      const p = parseProject(project, 'build');
      const o = opts(BuildOptions, options, 'build');
      return simple('build', p, buildArgs(o), o.services, control, LONG_MS);
    },
  };
  return jobs;
}

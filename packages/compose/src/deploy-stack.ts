import { posix } from 'node:path';
import { z } from 'zod';
import type { ComposeDriver, JobControl } from './compose-driver-types.js';
import { ComposeError } from './compose-error.js';
import type { DeployInput, DeployResult } from './deploy-types.js';
import { envFileText, envValues } from './env-file.js';
import { parseOptions } from './parsed-options.js';
import { StackFiles } from './stack-files.js';
import { STACK_ENV_FILE, STACK_FILE, stackProject } from './stack-project.js';

const DeployFlags = z.strictObject({
  stack: z.string(),
  composePath: z.string(),
  compose: z
    .string()
    .min(1)
    .max(1024 * 1024),
  env: z.union([z.record(z.string(), z.string()), z.string().max(1024 * 1024)]).optional(),
  pull: z.boolean().default(true),
  wait: z.boolean().default(true),
  waitTimeoutMs: z.number().int().min(1).max(3_600_000).default(120_000),
  removeOrphans: z.boolean().default(false),
  forceRecreate: z.boolean().default(false),
});

/**
 * Deploys a stack on the driver's host:
 * 1. validates the name (compose's project-name rule) and keeps `<composePath>/<stack>` inside `composePath`;
 * 2. writes the new compose file and `.env` into a temporary folder inside the stack's folder
 *    and validates them there (`config --quiet`, the stack's folder as project directory);
 * 3. moves them into place by rename, `.env` first, so each file is the old or the new one;
 * 4. pulls (a failed pull is reported and the deploy goes on with the images the host has);
 * 5. `up --detach`, waits for running and healthy containers, and reports them.
 * A failure before step 3 leaves the host as it was: the temporary folder is removed, and so
 * is the stack's folder when this deploy created it. The `.env` values are taught to the
 * driver's masker first, so they never show up in what it returns or throws.
 */
export async function deployStack(
  driver: ComposeDriver,
  input: DeployInput,
  control: JobControl = {},
  now: () => number = Date.now,
): Promise<DeployResult> {
  const o = parseOptions(DeployFlags, input, 'deploy input', {
    operation: 'deploy',
    profile: driver.profile,
  });
  // A caller's timeoutMs bounds the whole deploy: each step gets what is left of it.
  const end = control.timeoutMs === undefined ? undefined : now() + control.timeoutMs;
  const step = (): JobControl =>
    end === undefined ? control : { ...control, timeoutMs: Math.max(1, end - now()) };
  const { directory, project } = stackProject(o.composePath, o.stack);
  const envText = o.env === undefined ? undefined : envFileText(o.env);
  if (o.env !== undefined) driver.masker.addSecrets(envValues(o.env));
  await driver.version(step());

  const files = new StackFiles(driver.host, o.stack, control.signal);
  await files.makeDirectory(o.composePath);
  if (await files.isSymlink(directory)) {
    throw new ComposeError(
      'INVALID',
      `${directory} is a symlink; deploy writes stacks only into real folders under ${o.composePath}`,
      {
        profile: driver.profile,
        project: o.stack,
        operation: 'deploy',
      },
    );
  }
  const created = !(await files.isDirectory(directory));
  if (created) await files.makeDirectory(directory);
  let temp: string | undefined;
  try {
    temp = await files.makeTempDirectory(directory);
    const tempCompose = posix.join(temp, STACK_FILE);
    await files.write(tempCompose, o.compose);
    const tempEnv = posix.join(temp, STACK_ENV_FILE);
    if (envText !== undefined) await files.write(tempEnv, envText);
    await driver.validate(
      { ...project, files: [tempCompose], ...(envText === undefined ? {} : { envFile: tempEnv }) },
      step(),
    );
    if (envText !== undefined) await files.rename(tempEnv, posix.join(directory, STACK_ENV_FILE));
    await files.rename(tempCompose, posix.join(directory, STACK_FILE));
  } catch (error) {
    if (temp) await files.removeTree(temp);
    if (created) await files.removeEmptyDirectory(directory);
    throw error;
  }
  await files.removeTree(temp);

  const written = [
    posix.join(directory, STACK_FILE),
    ...(envText === undefined ? [] : [posix.join(directory, STACK_ENV_FILE)]),
  ];
  const pull: DeployResult['pull'] = { ran: o.pull, ok: true };
  if (o.pull) {
    try {
      await driver.pull(project, {}, step());
    } catch (error) {
      if (error instanceof ComposeError && (error.code === 'CANCELLED' || error.code === 'TIMEOUT'))
        throw error;
      pull.ok = false;
      pull.error = error instanceof Error ? error.message : String(error);
    }
  }
  try {
    const up = await driver.up(
      project,
      {
        wait: o.wait,
        waitTimeoutMs: o.waitTimeoutMs,
        removeOrphans: o.removeOrphans,
        forceRecreate: o.forceRecreate,
      },
      step(),
    );
    return { stack: o.stack, directory, files: written, created, pull, containers: up.containers };
  } catch (error) {
    if (!pull.ok && error instanceof ComposeError) {
      throw new ComposeError(
        error.code,
        `${error.message} (the pull before it failed too: ${pull.error})`,
        error.data,
        { cause: error },
      );
    }
    throw error;
  }
}

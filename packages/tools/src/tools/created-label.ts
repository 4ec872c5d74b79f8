import { z } from 'zod';

/**
 * One row of the `create` tool, whatever it made: few shared fields keep tools/list small
 * (pull: `name` is the reference, `id` the digest, `note` the engine's status line).
 */
export const createdRow = z.object({
  id: z.string().optional(),
  name: z.string(),
  state: z.string().optional(),
  ports: z.array(z.string()).optional(),
  env: z.array(z.string()).optional(),
  network: z.string().optional(),
  note: z.string().optional(),
});
export type CreatedRow = z.output<typeof createdRow>;

/**
 * Every container, volume and network berth creates carries `berth.created=<ISO time>`, so a person
 * or a reaper can find them (`resources list label=berth.created`). It is set last: a
 * caller's own labels cannot remove it.
 */
export const CREATED_LABEL = 'berth.created';

export function createdLabels(
  labels: Record<string, string> | undefined,
  now: () => Date = () => new Date(),
): Record<string, string> {
  return { ...labels, [CREATED_LABEL]: now().toISOString() };
}

/**
 * Every volume and network berth creates carries `berth.created=<ISO time>`, so a person
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

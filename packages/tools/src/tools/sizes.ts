const UNITS = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];

/**
 * Bytes as the docker CLI prints them (decimal units, four significant digits: "747.2MB"),
 * so a figure berth reports reads the same as `docker system df` or `docker images`.
 */
export function humanSize(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  return `${Number(value.toPrecision(4))}${UNITS[unit]}`;
}

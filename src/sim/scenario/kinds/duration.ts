/** A number of seconds in words: the two largest units, e.g. "14d", "1h 30min", "0s". */
export function formatDuration(seconds: number): string {
  const units: [number, string][] = [[86400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']];
  const parts: string[] = [];
  let rest = Math.round(seconds);
  for (const [size, name] of units) {
    if (rest >= size) {
      parts.push(`${Math.floor(rest / size)}${name}`);
      rest %= size;
    }
  }
  return parts.length ? parts.slice(0, 2).join(' ') : '0s';
}

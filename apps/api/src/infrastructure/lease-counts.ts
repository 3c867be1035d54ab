/** `operation:1`, `operation:2`, `host-liveness` -> `{ operation: 2, 'host-liveness': 1 }`. */
export function leaseCounts(names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of names) {
    const kind = name.split(':')[0];
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  return counts;
}

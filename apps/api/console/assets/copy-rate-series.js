/** The copy's rate over its time, from the progress events the agent reported and the copy's end (history items, any order). */
export function copyRateSeries(items) {
  const sorted = [...items].sort((a, b) => a.position - b.position);
  if (sorted.length === 0) return { points: [], averageMiBps: null, seconds: 0 };
  const start = Date.parse(sorted[0].occurredAt);
  const points = sorted
    .filter((item) => item.type === 'operation.disk-copy-progressed')
    .map((item) => ({
      seconds: (Date.parse(item.occurredAt) - start) / 1000,
      mibps: item.data.bytesPerSecond / 2 ** 20,
      percent: item.data.totalBytes > 0 ? (100 * item.data.copiedBytes) / item.data.totalBytes : 0,
    }));
  const copied = sorted.find((item) => item.type === 'operation.disks-copied');
  const end = copied ? (Date.parse(copied.occurredAt) - start) / 1000 : (points.at(-1)?.seconds ?? 0);
  return { points, averageMiBps: copied ? copied.data.bytesPerSecond / 2 ** 20 : null, seconds: end };
}

/** A linear 0-based scale that leaves room above the highest value (and the limit, when there is one). */
export function rateScale(values, limit) {
  const top = Math.max(...values, limit ?? 0, 1) * 1.15;
  return { top, at: (value) => Math.min(Math.max(value, 0), top) / top };
}

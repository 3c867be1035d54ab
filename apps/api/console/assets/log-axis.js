/** Decades around the stuns shown (a log axis): a 3 ms stun and a 300 ms one both stay readable. */
export function logAxis(values) {
  const positive = values.filter((value) => value > 0);
  const low = 10 ** Math.floor(Math.log10(Math.min(...positive, 1)));
  const high = 10 ** Math.ceil(Math.log10(Math.max(...positive, low * 10)));
  return { low, high, at: (ms) => (Math.log10(Math.min(Math.max(ms, low), high)) - Math.log10(low)) / (Math.log10(high) - Math.log10(low)) };
}

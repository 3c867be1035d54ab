import parsePrometheusTextFormat, { ParsedFamily } from 'parse-prometheus-text-format';

export function parseMetrics(text: string): Map<string, ParsedFamily> {
  return new Map(parsePrometheusTextFormat(text).map((family) => [family.name, family]));
}

/**
 * The observation count of one series of a labelled histogram. parse-prometheus-text-format folds
 * every label set of a histogram into one sample, so the family's lines of that one series (e.g.
 * `mode="legacy"`) are parsed on their own; the `+Inf` bucket is the count.
 */
export function histogramSeriesCount(text: string, name: string, label: string): number {
  const lines = text.split('\n').filter(
    (line) => line === `# HELP ${name}` || line.startsWith(`# HELP ${name} `) || line === `# TYPE ${name} histogram` ||
      ((line.startsWith(`${name}_bucket{`) || line.startsWith(`${name}_count{`) || line.startsWith(`${name}_sum{`)) && line.includes(label)),
  );
  const [family] = parsePrometheusTextFormat(lines.join('\n') + '\n');
  if (!family || family.type !== 'HISTOGRAM') return 0;
  return family.metrics.reduce((count, sample) => count + Number(sample.buckets?.['+Inf'] ?? 0), 0);
}

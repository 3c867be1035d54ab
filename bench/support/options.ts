/** `npm run bench -- [--quick] [--runs N] [--only a,b] [--memory 4,64] [--vcpus 8,48] [--disk-mib 1024,8192] [--hosts 10,30,100] [--profile]`: what to measure and how often. */
export interface BenchOptions {
  readonly quick: boolean;
  readonly runs: number;
  readonly memoriesGiB: readonly number[];
  readonly vcpus: readonly number[];
  readonly only: ReadonlySet<string> | null;
  readonly apiSeconds: number;
  readonly events: number;
  /** The disk sizes copied, MiB: one cached in full, one larger than the kernel lets stay dirty. */
  readonly diskSizesMiB: readonly number[];
  /** Control plane and host agent run with --cpu-prof; profiles go to bench/results/profiles/<timestamp>/. */
  readonly profile: boolean;
  /** The scale benchmark's cluster sizes (`--hosts`). */
  readonly scaleHosts: readonly number[];
}

export const MEASUREMENTS = ['copy-floor', 'orchestration-floor', 'event-store', 'stun', 'api', 'disk-copy', 'takeover', 'history', 'scale'] as const;
/** Run only when named in --only: they take minutes and a cluster of processes of their own. */
const ONLY_WHEN_ASKED: ReadonlySet<string> = new Set(['scale']);

export function parseOptions(argv: readonly string[]): BenchOptions {
  const quick = argv.includes('--quick');
  const valueOf = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  const runs = Number(valueOf('--runs') ?? 5);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a positive integer');
  const list = (flag: string, fallback: number[]) => {
    const values = valueOf(flag)?.split(',').map(Number) ?? fallback;
    if (values.some((value) => !Number.isInteger(value) || value < 1)) throw new Error(`${flag} takes positive integers`);
    return values;
  };
  const only = valueOf('--only');
  const unknown = only?.split(',').filter((name) => !(MEASUREMENTS as readonly string[]).includes(name)) ?? [];
  if (unknown.length > 0) throw new Error(`--only: unknown ${unknown.join(', ')} (known: ${MEASUREMENTS.join(', ')})`);
  return {
    quick,
    runs,
    memoriesGiB: list('--memory', quick ? [4, 64] : [4, 64, 256, 1024]),
    vcpus: list('--vcpus', [8, 48]),
    only: only ? new Set(only.split(',')) : null,
    apiSeconds: quick ? 5 : 10,
    events: quick ? 500 : 2000,
    diskSizesMiB: list('--disk-mib', quick ? [256] : [1024, 8192]),
    profile: argv.includes('--profile'),
    scaleHosts: list('--hosts', [10, 30, 100]),
  };
}

export const wants = (options: BenchOptions, measurement: (typeof MEASUREMENTS)[number]) =>
  options.only === null ? !ONLY_WHEN_ASKED.has(measurement) : options.only.has(measurement);

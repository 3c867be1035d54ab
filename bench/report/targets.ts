import { BenchResults, diskCopiesOf } from '../support/results';

const fmt = (value: number | undefined, unit = '') => (value !== undefined && Number.isFinite(value) ? `${value.toFixed(value >= 100 ? 0 : 2)}${unit}` : 'n/a');
const verdict = (value: number | undefined, ok: (v: number) => boolean) => (value === undefined || !Number.isFinite(value) ? 'not measured' : ok(value) ? 'yes' : '**no**');

/** The goals, each with what this run measured. */
export function targetRows(results: BenchResults): string[][] {
  const cell = (memoryGiB: number, vcpus: number, mode: string) =>
    results.stun.find((c) => c.memoryGiB === memoryGiB && c.vcpus === vcpus && c.mode === mode);
  const tib = cell(1024, 48, 'distributed')?.stunMs.median;
  const cores = results.machine.cores;
  const speedUps = results.stun
    .filter((c) => c.mode === 'legacy' && c.memoryGiB >= 64)
    .map((legacy) => legacy.stunMs.median / (cell(legacy.memoryGiB, legacy.vcpus, 'distributed')?.stunMs.median ?? NaN))
    .filter(Number.isFinite);
  const worstSpeedUp = speedUps.length > 0 ? Math.min(...speedUps) : undefined;
  const fractions = results.stun
    .filter((c) => c.mode === 'distributed' && c.memoryGiB >= 64)
    .map((c) => (results.copyFloor.find((f) => f.memoryGiB === c.memoryGiB)?.copyMs.median ?? NaN) / c.transferMs.median)
    .filter(Number.isFinite);
  const fraction = fractions.length > 0 ? Math.min(...fractions) : undefined;
  const sameWork = results.stun
    .filter((c) => c.mode === 'distributed' && c.memoryGiB >= 64)
    .map((c) => (results.copyFloor.find((f) => f.memoryGiB === c.memoryGiB)?.copyAndChecksumMs.median ?? NaN) / c.transferMs.median)
    .filter(Number.isFinite);
  const sameWorkFraction = sameWork.length > 0 ? Math.min(...sameWork) : undefined;
  const floorSpeedUps = results.copyFloor
    .filter((f) => f.memoryGiB >= 64 && f.oneThreadCopyAndChecksumMs)
    .map((f) => f.oneThreadCopyAndChecksumMs!.median / f.copyAndChecksumMs.median);
  const floorSpeedUp = floorSpeedUps.length > 0 ? Math.min(...floorSpeedUps) : undefined;
  const overhead = cell(4, 48, 'distributed')?.overheadMs.median;
  const events = results.eventStore ? results.eventStore.batched.median / results.eventStore.rawPg.median : undefined;
  const diskRatios = diskCopiesOf(results).map((copy) => copy.relocationMiBps.median / copy.cpMiBps.median);
  const disk = diskRatios.length > 0 ? Math.min(...diskRatios) : undefined;
  const predictionErrors = results.stun
    .filter((c) => c.memoryGiB >= 64)
    .map((c) => Math.abs(c.predictedStunMs.median / c.stunMs.median - 1))
    .filter(Number.isFinite);
  const predictionError = predictionErrors.length > 0 ? Math.max(...predictionErrors) : undefined;
  const p99 = results.api.length > 0 ? Math.max(...results.api.map((a) => a.p99Ms)) : undefined;
  const takeover = results.takeover ? Math.max(results.takeover.killed.takeoverMs.max, results.takeover.paused.takeoverMs.max) : undefined;
  const takeoverBudget = results.takeover ? results.takeover.leaseTtlMs + 1000 : undefined;
  const history = results.streamHistory?.rows;
  const [fresh, long] = [history?.[0], history?.at(-1)];
  const historyRatio = fresh && long && fresh !== long
    ? Math.max(long.withSnapshots.warm.median / fresh.withSnapshots.warm.median, long.withSnapshots.cold.median / fresh.withSnapshots.cold.median)
    : undefined;
  return [
    ['1 TiB / 48 vCPU distributed stun', '< 150 ms', fmt(tib, ' ms'), verdict(tib, (v) => v < 150)],
    ['distributed / legacy speed-up from 64 GiB (worst cell)', `>= ${(0.85 * cores).toFixed(2)} x`, fmt(worstSpeedUp, ' x'), verdict(worstSpeedUp, (v) => v >= 0.85 * cores)],
    ['PFrame transfer against the copy floor (worst cell from 64 GiB)', '>= 50 %', fmt(fraction === undefined ? undefined : fraction * 100, ' %'), verdict(fraction, (v) => v >= 0.5)],
    ['(for reading, no goal) the speed-up this hardware allows from 64 GiB: the stun\'s copy code on one thread against all, no orchestration (worst size)', '-', fmt(floorSpeedUp, ' x'), '-'],
    ['(for reading, no goal) the same, against the stun\'s own copy code (with the CRC) and no orchestration', '-', fmt(sameWorkFraction === undefined ? undefined : sameWorkFraction * 100, ' %'), '-'],
    ['stun prediction error, median predicted against median measured (worst cell from 64 GiB)', '<= 20 %', fmt(predictionError === undefined ? undefined : predictionError * 100, ' %'), verdict(predictionError, (v) => v <= 0.2)],
    ['orchestration overhead in the stun, 48 segments (4 GiB)', '< 5 ms', fmt(overhead, ' ms'), verdict(overhead, (v) => v < 5)],
    ['batched appends against raw pg', '>= 50 %', fmt(events === undefined ? undefined : events * 100, ' %'), verdict(events, (v) => v >= 0.5)],
    ['API p99 at 500 req/s (worst GET)', '< 20 ms', fmt(p99, ' ms'), verdict(p99, (v) => v < 20)],
    ['disk copy against cp (worst disk size)', '>= 80 %', fmt(disk === undefined ? undefined : disk * 100, ' %'), verdict(disk, (v) => v >= 0.8)],
    ['a command on a VM with 10,000 operations behind it against one with 10 (warm against warm, cold against cold: the worse)', '<= 2 x', fmt(historyRatio, ' x'), verdict(historyRatio, (v) => v <= 2)],
    ['replica takeover, SIGKILL or SIGSTOP of the driver (slowest run)', `< lease + 1 s (${fmt(takeoverBudget, ' ms')})`, fmt(takeover, ' ms'), verdict(takeover, (v) => v < (takeoverBudget ?? 0))],
  ];
}

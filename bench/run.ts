// `npm run bench [-- --quick] [-- --runs N] [-- --only stun,api]` (or `-- --report <json>` to render again): measures the real stack against its
// floors and writes bench/results/<timestamp>.json, docs/BENCHMARKS.md and docs/benchmarks-stun.svg.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { measureApi } from './measure/api-latency';
import { CopyFloorThreads } from './measure/copy-floor';
import { measureDiskCopy } from './measure/disk-copy';
import { measureEventStore } from './measure/event-store';
import { measureOrchestrationFloor } from './measure/orchestration-floor';
import { measureStunCell } from './measure/stun-matrix';
import { measureTakeover } from './measure/takeover';
import { measureStreamHistory } from './measure/stream-history';
import { measureScale } from './measure/scale';
import { stunChartSvg } from './report/chart';
import { scaleChartSvg, scaleMarkdown } from './report/scale-report';
import { benchmarksMarkdown } from './report/markdown';
import { describeMachine, finishMachine } from './support/machine';
import { parseOptions, wants } from './support/options';
import { BenchResults } from './support/results';
import { BenchStack } from './support/stack';

const ROOT = resolve(__dirname, '../..');
const API_RATE = 500;
const log = (message: string) => process.stdout.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);

async function main(): Promise<void> {
  const rerender = process.argv.indexOf('--report');
  if (rerender >= 0) return writeDocs(JSON.parse(await readFile(resolve(process.argv[rerender + 1]), 'utf8')) as BenchResults);
  const options = parseOptions(process.argv.slice(2));
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    finishedAt: '',
    options: { ...options, only: options.only ? [...options.only] : null },
    machine: describeMachine(),
    agentPframesPerSecondPerThread: null,
    copyFloor: [],
    orchestrationFloor: null,
    eventStore: null,
    stun: [],
    api: [],
    diskCopies: [],
    takeover: null,
    streamHistory: null,
    scale: null,
  };
  log(`${results.machine.cores} cores (${results.machine.cpuModel}), load ${results.machine.loadAtStart.join(' ')}; ${options.quick ? 'quick' : 'full'}, ${options.runs} runs`);

  if (wants(options, 'copy-floor')) {
    const floor = CopyFloorThreads.start();
    try {
      for (const memoryGiB of options.memoriesGiB) {
        results.copyFloor.push(await floor.measure(memoryGiB, options.runs));
        log(`copy floor ${memoryGiB} GiB: ${results.copyFloor.at(-1)!.copyMs.median} ms`);
      }
    } finally {
      await floor.close();
    }
  }
  if (wants(options, 'orchestration-floor')) {
    results.orchestrationFloor = await measureOrchestrationFloor(48, Math.max(options.runs, 10));
    log(`orchestration floor: 48-child flow ${results.orchestrationFloor.flowMs.median} ms`);
  }
  if (wants(options, 'event-store')) {
    results.eventStore = await measureEventStore(options.events, options.runs);
    log(`event store: batched ${results.eventStore.batched.median}/s, raw pg ${results.eventStore.rawPg.median}/s`);
  }
  if (wants(options, 'scale')) results.scale = await measureScale(log, options.scaleHosts);
  if (wants(options, 'history')) {
    results.streamHistory = await measureStreamHistory(Math.max(options.runs, 20));
    for (const row of results.streamHistory.rows) {
      log(`command on a VM with ${row.history} operations behind it: ${row.withSnapshots.warm.median} ms warm, ${row.withSnapshots.cold.median} ms cold, ${row.fullFold.median} ms folding all`);
    }
  }
  if (['stun', 'api', 'disk-copy'].some((m) => wants(options, m as 'stun'))) await measureOnStack(options, results);
  if (wants(options, 'takeover')) {
    results.takeover = await measureTakeover(options.runs);
    const { killed, paused, leaseTtlMs } = results.takeover;
    log(`takeover (lease ${leaseTtlMs} ms): SIGKILL ${killed.takeoverMs.median} ms, SIGSTOP ${paused.takeoverMs.median} ms; stun across it ${killed.stunMs.median} / ${paused.stunMs.median} ms`);
  }

  finishMachine(results.machine);
  results.finishedAt = new Date().toISOString();
  await writeReports(results);
}

async function measureOnStack(options: ReturnType<typeof parseOptions>, results: BenchResults): Promise<void> {
  const largestMiB = Math.max(...options.memoriesGiB) * 1024;
  const profileDir = options.profile ? join(ROOT, 'bench/results/profiles', results.startedAt.replace(/[:.]/g, '-')) : undefined;
  const stack = await BenchStack.start(Math.max(65_536, Math.ceil(largestMiB * 1.25)), profileDir);
  try {
    const host = await stack.api.expect(200, 'GET', '/hosts/bench-host');
    results.agentPframesPerSecondPerThread = host.pframeTransferRate?.perThreadPFramesPerSecond ?? null;
    const datastore = await stack.api.expect(201, 'POST', '/datastores', { name: 'bench', capacityGiB: 10 });
    if (wants(options, 'stun')) {
      for (const memoryGiB of options.memoriesGiB) {
        for (const vcpus of options.vcpus) {
          for (const mode of ['legacy', 'distributed'] as const) {
            const cell = await measureStunCell(stack.api, datastore.id, { memoryGiB, vcpus, mode }, options.runs);
            results.stun.push(cell);
            log(`stun ${memoryGiB} GiB / ${vcpus} vCPU ${mode}: ${cell.stunMs.median} ms (copy ${cell.copyMs.median}, overhead ${cell.overheadMs.median})`);
          }
        }
      }
    }
    if (wants(options, 'api')) {
      const target = await apiTargets(stack, datastore.id);
      for (const path of [`/vms/${target.vmId}`, `/operations/${target.operationId}`]) {
        results.api.push(await measureApi(stack.viewer, path, API_RATE, options.apiSeconds));
        log(`api GET ${path}: p50 ${results.api.at(-1)!.p50Ms} ms, p99 ${results.api.at(-1)!.p99Ms} ms`);
      }
    }
    if (wants(options, 'disk-copy')) {
      for (const diskMiB of options.diskSizesMiB) {
        const figures = await measureDiskCopy(stack.api, stack.dataDir, diskMiB, options.runs);
        results.diskCopies!.push(figures);
        log(`disk copy ${diskMiB} MiB: relocation ${figures.relocationMiBps.median} MiB/s, cp ${figures.cpMiBps.median} MiB/s`);
      }
    }
  } finally {
    await stack.close();
  }
}

/** A small VM with one finished hot add: what GET /vms/{id} and /operations/{id} serve under load. */
async function apiTargets(stack: BenchStack, datastoreId: string): Promise<{ vmId: string; operationId: string }> {
  const vm = await stack.api.expect(201, 'POST', '/vms', {
    name: 'bench-api', hostId: 'bench-host', datastoreId, vcpus: 8, memoryMiB: 4096, cpuHotAddEnabled: true, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }],
  });
  await stack.api.expect(200, 'POST', `/vms/${vm.id}/power`, { action: 'on' });
  const accepted = await stack.api.expect(202, 'POST', `/vms/${vm.id}/hot-add`, { memoryMiB: 4224 });
  return { vmId: vm.id, operationId: accepted.operationId };
}

async function writeReports(results: BenchResults): Promise<void> {
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  await mkdir(join(ROOT, 'bench/results'), { recursive: true });
  await mkdir(join(ROOT, 'docs'), { recursive: true });
  const json = join(ROOT, 'bench/results', `${stamp}.json`);
  await writeFile(json, `${JSON.stringify(results, null, 2)}\n`);
  log(`wrote ${json}`);
  await writeDocs(results);
}

/** docs/BENCHMARKS.md and its chart from one run's results (`--report <json>` renders them again). */
async function writeDocs(results: BenchResults): Promise<void> {
  const stamp = results.startedAt.replace(/[:.]/g, '-');
  if (results.scale) {
    await writeFile(join(ROOT, 'docs/benchmarks-scale.svg'), scaleChartSvg(results.scale));
    await writeFile(join(ROOT, 'docs/benchmarks-scale.md'), scaleMarkdown(results.scale, `bench/results/${stamp}.json`));
    log('wrote docs/benchmarks-scale.md, docs/benchmarks-scale.svg');
  }
  // A run of the scale benchmark alone leaves the other figures where they are.
  if (results.options.only?.length === 1 && results.options.only[0] === 'scale') return;
  await writeFile(join(ROOT, 'docs/benchmarks-stun.svg'), stunChartSvg(results.stun));
  await writeFile(join(ROOT, 'docs/BENCHMARKS.md'), benchmarksMarkdown(results, `bench/results/${stamp}.json`));
  log('wrote docs/BENCHMARKS.md, docs/benchmarks-stun.svg');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

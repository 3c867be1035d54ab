import { MEMORY_HOT_ADD_INCREMENT_MIB, pagesForMiB, TransferMode } from '@fsr/domain';
import { ApiClient, pollUntil } from '../support/http';
import { HOST_ID } from '../support/stack';
import { repeat, Summary, summarize } from '../support/stats';

export interface StunRun {
  readonly stunMs: number;
  readonly transferMs: number;
  /** Copy threads busy: first segment's copy start to last segment's copy end. */
  readonly copyMs: number;
  readonly predictedStunMs: number;
  readonly segments: number;
}

export interface StunCell {
  readonly memoryGiB: number;
  readonly vcpus: number;
  readonly mode: TransferMode;
  readonly pframes: number;
  readonly stunMs: Summary;
  readonly transferMs: Summary;
  readonly copyMs: Summary;
  /** Inside the stun but not copying: stun minus the copy threads' busy span. */
  readonly overheadMs: Summary;
  readonly pframesPerSecond: Summary;
  readonly predictedStunMs: Summary;
}

interface HistoryItem {
  type: string;
  data: any;
}

const TERMINAL = ['succeeded', 'failed', 'cancelled', 'rolled-back'];

/** One hot add of 128 MiB through the API (the VM keeps its vCPUs): an FSR switch-over of the whole table. */
async function hotAdd(api: ApiClient, vmId: string, memoryMiB: number, mode: TransferMode): Promise<StunRun> {
  const accepted = await api.expect(202, 'POST', `/vms/${vmId}/hot-add`, { memoryMiB, mode });
  const operationId: string = accepted.operationId;
  const operation = await pollUntil(
    () => api.expect(200, 'GET', `/operations/${operationId}`),
    (op) => TERMINAL.includes(op.state),
    `operation ${operationId}`,
    300_000,
  );
  if (operation.state !== 'succeeded') throw new Error(`hot add ${operationId} ended ${operation.state}: ${JSON.stringify(operation.error)}`);
  const history = await api.expect(200, 'GET', `/vms/${vmId}/history?operationId=${operationId}&limit=500`);
  const items: HistoryItem[] = history.items;
  const switched = items.find((item) => item.type === 'operation.switched-over')!.data;
  const segments = items.filter((item) => item.type === 'operation.segment-completed').map((item) => item.data.segment);
  const copyMs = Math.max(...segments.map((s) => s.endedAt)) - Math.min(...segments.map((s) => s.startedAt));
  return { stunMs: switched.stunMs, transferMs: switched.transferMs, copyMs, predictedStunMs: operation.predictedStunMs, segments: segments.length };
}

/** A powered-on VM of the cell's size, hot-added `runs` times (after one warm-up) in one transfer mode. */
export async function measureStunCell(
  api: ApiClient,
  datastoreId: string,
  cell: { memoryGiB: number; vcpus: number; mode: TransferMode },
  runs: number,
): Promise<StunCell> {
  const memoryMiB = cell.memoryGiB * 1024;
  const vm = await api.expect(201, 'POST', '/vms', {
    name: `bench-${cell.memoryGiB}g-${cell.vcpus}v-${cell.mode}`,
    hostId: HOST_ID,
    datastoreId,
    vcpus: cell.vcpus,
    memoryMiB,
    cpuHotAddEnabled: true,
    memoryHotAddEnabled: true,
    disks: [{ sizeMiB: 1 }],
  });
  await api.expect(200, 'POST', `/vms/${vm.id}/power`, { action: 'on' });
  try {
    let current = memoryMiB;
    const results = await repeat(runs, async () => {
      current += MEMORY_HOT_ADD_INCREMENT_MIB;
      return { run: await hotAdd(api, vm.id, current, cell.mode), pframes: pagesForMiB(current - MEMORY_HOT_ADD_INCREMENT_MIB) };
    });
    const pick = (f: (r: StunRun) => number) => summarize(results.map(({ run }) => f(run)));
    return {
      ...cell,
      pframes: pagesForMiB(memoryMiB),
      stunMs: pick((r) => r.stunMs),
      transferMs: pick((r) => r.transferMs),
      copyMs: pick((r) => r.copyMs),
      overheadMs: pick((r) => r.stunMs - r.copyMs),
      pframesPerSecond: summarize(results.map(({ run, pframes }) => Math.round(pframes / (run.stunMs / 1000)))),
      predictedStunMs: pick((r) => r.predictedStunMs),
    };
  } finally {
    // Not `expect`: a clean-up refused (the VM still busy after a failed run) must not hide why the run failed.
    await api.request('POST', `/vms/${vm.id}/power`, { action: 'off' });
    await api.request('DELETE', `/vms/${vm.id}`);
  }
}

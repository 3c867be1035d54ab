import { spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ApiClient, pollUntil } from '../support/http';
import { HOST_ID } from '../support/stack';
import { repeat, Summary, summarize } from '../support/stats';

export interface DiskCopyFigures {
  readonly diskMiB: number;
  /** Storage vMotion's live copy (with write mirroring and read-back), MiB/s. */
  readonly relocationMiBps: Summary;
  /** `cp` of the same file on the same file system, MiB/s. */
  readonly cpMiBps: Summary;
}

const MIB = 1024 * 1024;

/** Fills a disk file with incompressible bytes, as a guest that used its whole disk. */
async function fill(path: string, sizeMiB: number): Promise<void> {
  const file = await open(path, 'r+');
  const chunk = Buffer.alloc(MIB);
  try {
    for (let at = 0; at < sizeMiB; at++) await file.write(randomFillSync(chunk), 0, MIB, at * MIB);
  } finally {
    await file.close();
  }
}

/**
 * A running VM with one full disk relocated back and forth between two datastores of its own, against `cp` of
 * that disk; the VM and its files are deleted after.
 */
export async function measureDiskCopy(api: ApiClient, dataDir: string, diskMiB: number, runs: number): Promise<DiskCopyFigures> {
  const capacityGiB = Math.ceil(diskMiB / 1024) + 2;
  const names = new Map<string, string>();
  for (const name of [`disk-${diskMiB}-a`, `disk-${diskMiB}-b`]) names.set((await api.expect(201, 'POST', '/datastores', { name, capacityGiB })).id, name);
  const [datastoreId, otherId] = [...names.keys()];
  const vm = await api.expect(201, 'POST', '/vms', { name: `bench-disk-${diskMiB}`, hostId: HOST_ID, datastoreId, vcpus: 2, memoryMiB: 1024, disks: [{ sizeMiB: diskMiB }] });
  const pathOf = (current: { datastoreId: string; fileName: string }) => join(dataDir, 'datastores', names.get(current.datastoreId)!, current.fileName);
  await fill(pathOf(vm.disks[0]), diskMiB);
  await api.expect(200, 'POST', `/vms/${vm.id}/power`, { action: 'on' });
  let at = datastoreId;
  const relocate = async () => {
    at = at === datastoreId ? otherId : datastoreId;
    const accepted = await api.expect(202, 'POST', `/vms/${vm.id}/relocate`, { datastoreId: at, maxCopyMiBps: 100_000 });
    const operation = await pollUntil(
      () => api.expect(200, 'GET', `/operations/${accepted.operationId}`),
      (op) => ['succeeded', 'failed', 'cancelled', 'rolled-back'].includes(op.state),
      `relocation ${accepted.operationId}`,
      300_000,
    );
    if (operation.state !== 'succeeded') throw new Error(`relocation ended ${operation.state}: ${JSON.stringify(operation.error)}`);
    return operation.relocation.bytesPerSecond / MIB;
  };
  const copy = async () => {
    const source = pathOf((await api.expect(200, 'GET', `/vms/${vm.id}`)).disks[0]);
    const target = `${source}.cp-bench`;
    const startedAt = performance.now();
    const cp = spawnSync('cp', [source, target]);
    const seconds = (performance.now() - startedAt) / 1000;
    await rm(target, { force: true });
    if (cp.status !== 0) throw new Error(`cp failed: ${cp.stderr.toString()}`);
    return diskMiB / seconds;
  };
  // Turn about, so that both meet the same state of the page cache and of the device's write-back.
  const runsOfBoth = await repeat(runs, async () => ({ relocation: await relocate(), cp: await copy() }));
  const [relocations, copies] = [runsOfBoth.map((run) => run.relocation), runsOfBoth.map((run) => run.cp)];
  await api.expect(200, 'POST', `/vms/${vm.id}/power`, { action: 'off' });
  await api.expect(204, 'DELETE', `/vms/${vm.id}`);
  return { diskMiB, relocationMiBps: summarize(relocations), cpMiBps: summarize(copies) };
}

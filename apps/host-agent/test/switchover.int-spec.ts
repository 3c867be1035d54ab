import { randomUUID } from 'node:crypto';
import { MemoryInspection } from '@fsr/contracts';
import { pagesForMiB, TransferMode } from '@fsr/domain';
import { BullMqHostAgentGateway } from '@fsr/infrastructure';
import { Redis } from 'ioredis';
import { HostAgent } from '../src/host-agent';
import { connection, removePrefix, segmentsFor } from './harness';
import { startTestAgent } from './in-process-agent';
import { faultInjection } from './faults/fault-injection';
import { injectSegmentFault, SegmentFault } from './faults/segment-fault';

const prefix = `test-${randomUUID()}`;
const GIB = 1024;
let agent: HostAgent;
let gateway: BullMqHostAgentGateway;
let hostId: string;
let redis: Redis;

beforeAll(async () => {
  agent = await startTestAgent(prefix, { HOST_MEMORY_MIB: String(48 * GIB) }, faultInjection);
  redis = new Redis(connection);
  hostId = agent.hostId;
  gateway = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 20_000 });
});

afterAll(async () => {
  await gateway.close();
  await agent.stop();
  redis.disconnect();
  await removePrefix(prefix);
});

const vmOf = (inspection: MemoryInspection, vmId: string) => inspection.vms.find((vm) => vm.vmId === vmId)!;

async function powerOnVm(memoryMiB = 8 * GIB) {
  const vmId = `vm-${randomUUID()}`;
  await gateway.powerOn(hostId, { vmId, vcpus: 8, memoryMiB, disks: [] });
  return vmId;
}

async function hotAdd(vmId: string, options: { mode?: TransferMode; segments?: number; epoch?: number; fault?: SegmentFault }) {
  const operationId = randomUUID();
  if (options.fault) await injectSegmentFault(redis, prefix, vmId, options.fault);
  const epoch = options.epoch ?? 1;
  const inspection = await gateway.inspectMemory(hostId);
  const pages = vmOf(inspection, vmId).pages;
  const prepared = await gateway.prepareSwitchover(hostId, {
    operationId,
    epoch,
    vmId,
    mode: options.mode ?? 'distributed',
    targetVcpus: 8,
    targetMemoryMiB: 12 * GIB,
    segments: segmentsFor(pages, options.segments ?? 8),
  });
  const result = await gateway.executeSwitchover(hostId, operationId, epoch);
  return { before: inspection, prepared, result, operationId };
}

describe.each([
  ['distributed', 8],
  ['legacy', 1],
] as const)('hot-add 8 GiB -> 12 GiB in %s mode (%i segments)', (mode, segments) => {
  it('moves every PFrame, gives hot-added pages fresh MPNs and accounts every MPN', async () => {
    const vmId = await powerOnVm();
    const { before, prepared, result } = await hotAdd(vmId, { mode, segments });
    const after = await gateway.inspectMemory(hostId);

    expect(prepared).toMatchObject({ destinationPages: pagesForMiB(12 * GIB), freshPages: pagesForMiB(4 * GIB) });
    expect(result.outcome).toBe('switched-over');
    if (result.outcome !== 'switched-over') return;
    expect(result.segments).toHaveLength(segments);
    for (const segment of result.segments) expect(segment).toMatchObject({ attempts: 1, checksum: segment.sourceChecksum });
    expect(result.checksum).toBe(vmOf(before, vmId).checksum);
    expect(result.phases.map((p) => p.phase)).toEqual(['suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup']);
    expect(result.resumedAt).toBeGreaterThan(result.suspendedAt);

    expect(vmOf(after, vmId)).toMatchObject({
      pages: pagesForMiB(12 * GIB),
      carriedOver: { pages: pagesForMiB(8 * GIB), checksum: vmOf(before, vmId).checksum },
    });
    expect(after.freeMpns).toBe(before.freeMpns - pagesForMiB(4 * GIB));
    expect(after.conflictingMpns).toBe(0);
    await gateway.powerOff(hostId, vmId);
    expect((await gateway.inspectMemory(hostId)).freeMpns).toBe(before.freeMpns + pagesForMiB(8 * GIB));
  });
});

describe('segment faults', () => {
  it.each(['throw', 'crash-thread'] as const)('retries a segment that fails once (%s) and switches over', async (kind) => {
    const vmId = await powerOnVm();
    const { before, result } = await hotAdd(vmId, { fault: { segmentIndex: 3, failAttempts: 1, kind } });
    expect(result.outcome).toBe('switched-over');
    expect(result.segments.find((s) => s.index === 3)?.attempts).toBe(2);
    expect(result.outcome === 'switched-over' && result.checksum).toBe(vmOf(before, vmId).checksum);
    expect((await gateway.inspectMemory(hostId)).conflictingMpns).toBe(0);
    await gateway.powerOff(hostId, vmId);
  });

  it('rolls back when a segment keeps failing: the source is unchanged and runs on', async () => {
    const vmId = await powerOnVm();
    const { before, result } = await hotAdd(vmId, { fault: { segmentIndex: 5, failAttempts: 5, kind: 'throw' } });
    expect(result).toMatchObject({ outcome: 'rolled-back', cause: { code: 'SEGMENT_TRANSFER_FAILED' } });
    expect(result.resumedAt).not.toBeNull();
    const after = await gateway.inspectMemory(hostId);
    expect(vmOf(after, vmId)).toEqual(vmOf(before, vmId));
    expect(after.freeMpns).toBe(before.freeMpns);
    expect(after.conflictingMpns).toBe(0);

    const retry = await hotAdd(vmId, { epoch: 2 });
    expect(retry.result.outcome).toBe('switched-over');
    await gateway.powerOff(hostId, vmId);
  });
});

describe('discard', () => {
  it('frees the prepared destination, after which the switch-over is refused', async () => {
    const vmId = await powerOnVm();
    const before = await gateway.inspectMemory(hostId);
    const operationId = randomUUID();
    const pages = vmOf(before, vmId).pages;
    const plan = { operationId, epoch: 1, vmId, mode: 'distributed' as const, targetVcpus: 8, targetMemoryMiB: 12 * GIB };
    await gateway.prepareSwitchover(hostId, { ...plan, segments: segmentsFor(pages, 8) });
    expect((await gateway.inspectMemory(hostId)).freeMpns).toBe(before.freeMpns - pagesForMiB(4 * GIB));

    await gateway.discardSwitchover(hostId, operationId);
    const after = await gateway.inspectMemory(hostId);
    expect(after.freeMpns).toBe(before.freeMpns);
    expect(vmOf(after, vmId)).toEqual(vmOf(before, vmId));
    await expect(gateway.executeSwitchover(hostId, operationId, 1)).rejects.toMatchObject({
      code: 'AGENT_SWITCHOVER_NOT_PREPARED',
    });
    await gateway.powerOff(hostId, vmId);
  });

  it('leaves a destination prepared under a later epoch when a discard or a prepare names an earlier one', async () => {
    const vmId = await powerOnVm();
    const operationId = randomUUID();
    const pages = vmOf(await gateway.inspectMemory(hostId), vmId).pages;
    const plan = { operationId, vmId, mode: 'distributed' as const, targetVcpus: 8, targetMemoryMiB: 12 * GIB, segments: segmentsFor(pages, 8) };
    await gateway.prepareSwitchover(hostId, { ...plan, epoch: 2 });

    await gateway.discardSwitchover(hostId, operationId, 1);
    expect(await gateway.switchoverStatus(hostId, operationId)).toEqual({ state: 'prepared', epoch: 2 });
    // Nor does an earlier epoch's prepare, sent late by a run that lost its lease, replace it.
    await expect(gateway.prepareSwitchover(hostId, { ...plan, epoch: 1 })).rejects.toMatchObject({ code: 'AGENT_SWITCHOVER_NOT_PREPARED' });
    expect(await gateway.switchoverStatus(hostId, operationId)).toEqual({ state: 'prepared', epoch: 2 });
    expect((await gateway.executeSwitchover(hostId, operationId, 2)).outcome).toBe('switched-over');
    await gateway.powerOff(hostId, vmId);
  });
});

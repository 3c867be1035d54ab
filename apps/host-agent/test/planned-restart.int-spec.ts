import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AgentStartedReport, AgentStoppingReport } from '@fsr/contracts';
import { BullMqHostAgentGateway } from '@fsr/infrastructure';
import { HostAgent } from '../src/host-agent';
import { collectReports, connection, eventually, removePrefix, segmentsFor } from './harness';
import { startTestAgent } from './in-process-agent';

/** A planned stop keeps the host's VMs in the data directory, as ESXi keeps them across a management-agent restart. */
describe('a host agent stopped and started again', () => {
  const prefix = `test-${randomUUID()}`;
  const hostId = `h-${randomUUID().slice(0, 8)}`;
  let dataDir: string;
  let agent: HostAgent;
  let gateway: BullMqHostAgentGateway;
  let reports: ReturnType<typeof collectReports>;
  const start = () => startTestAgent(prefix, { HOST_NAME: hostId, DATA_DIR: dataDir, HOST_MEMORY_MIB: '1024' });
  const keptDir = () => join(dataDir, 'kept-vms', hostId);
  const startedOf = async (instance: HostAgent) =>
    (await eventually(() => reports.reports.find((r) => r.type === 'agent.started' && r.agentInstanceId === instance.agentInstanceId))) as AgentStartedReport;
  const stoppingOf = async (instance: HostAgent) =>
    (await eventually(() => reports.reports.find((r) => r.type === 'agent.stopping' && r.agentInstanceId === instance.agentInstanceId))) as AgentStoppingReport;
  const checksums = async () => Object.fromEntries((await gateway.inspectMemory(hostId)).vms.map((vm) => [vm.vmId, vm.checksum]));

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'fsr-restart-'));
    reports = collectReports(prefix);
    gateway = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 10_000 });
    agent = await start();
  });
  afterAll(async () => {
    await agent.stop();
    await gateway.close();
    await reports.close();
    await removePrefix(prefix);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('takes its VMs back with the same PFrame tables and machine pages, and their guests go on writing where they stopped', async () => {
    const disk = { diskId: 'd1', path: join(dataDir, 'busy.vmdk'), sizeMiB: 8 };
    await gateway.createDisks(hostId, { vmId: 'busy', disks: [disk] });
    await gateway.powerOn(hostId, { vmId: 'busy', vcpus: 2, memoryMiB: 64, disks: [disk] });
    await gateway.powerOn(hostId, { vmId: 'idle', vcpus: 1, memoryMiB: 32, disks: [] });
    await gateway.setWorkload(hostId, { vmId: 'busy', workload: { diskWriteMiBps: 50, pageRemapsPerSec: 2000 }, disks: [disk] });
    const busy = agent.context.vms.get('busy')!;
    await eventually(() => (busy.workload.stats.chunksWritten >= 3 && busy.workload.stats.remaps > 0 ? true : undefined));
    const freeBefore = agent.context.pool.freeCount;

    const stopped = agent;
    await stopped.stop();
    const kept = (await stoppingOf(stopped)).keptVms!;
    const sequenceAtStop = busy.workload.kept.chunkSequence;
    agent = await start();

    const started = await startedOf(agent);
    expect(started.vms).toEqual(kept);
    expect(kept.map((vm) => vm.vmId).sort()).toEqual(['busy', 'idle']);
    expect(existsSync(keptDir())).toBe(false);
    const taken = agent.context.vms.get('busy')!;
    expect(taken.vcpus).toBe(2);
    expect(taken.instance.deviceState.disks).toEqual([{ diskId: 'd1', path: disk.path }]);
    expect(agent.context.pool.freeCount).toBe(freeBefore);
    expect(agent.context.vms.get('idle')!.instance.table.checksum()).toBe(kept.find((vm) => vm.vmId === 'idle')!.pframeChecksum);
    await eventually(() => (taken.workload.stats.chunksWritten > 0 ? true : undefined));
    expect(taken.workload.kept.chunkSequence).toBeGreaterThan(sequenceAtStop);
    expect((await gateway.inspectMemory(hostId)).conflictingMpns).toBe(0);
  });

  it('leaves out a VM whose kept table does not match its checksum; the others come back', async () => {
    await gateway.setWorkload(hostId, { vmId: 'busy', workload: null, disks: [] });
    const before = await checksums();
    await agent.stop();
    const files = await readdir(keptDir());
    const idleTable = join(keptDir(), files.find((name) => name.startsWith('idle'))!);
    const bytes = await readFile(idleTable);
    bytes[0] ^= 0xff;
    await writeFile(idleTable, bytes);

    agent = await start();

    expect((await startedOf(agent)).vms.map((vm) => vm.vmId)).toEqual(['busy']);
    expect(await checksums()).toEqual({ busy: before.busy });
    const memory = await gateway.inspectMemory(hostId);
    expect(memory.freeMpns).toBe(memory.totalMpns - 64 * 256);
  });

  it('still answers how a switch-over it ran before the restart ended, and leaves out only a VM whose table file is gone', async () => {
    await gateway.powerOn(hostId, { vmId: 'grown', vcpus: 1, memoryMiB: 16, disks: [] });
    await gateway.prepareSwitchover(hostId, { operationId: 'op-grow', epoch: 1, vmId: 'grown', mode: 'legacy', targetVcpus: 2, targetMemoryMiB: 32, segments: segmentsFor(16 * 256, 1) });
    const result = await gateway.executeSwitchover(hostId, 'op-grow', 1);
    expect(result.outcome).toBe('switched-over');
    await agent.stop();
    await rm(join(keptDir(), (await readdir(keptDir())).find((name) => name.startsWith('busy'))!));

    agent = await start();

    expect(await gateway.switchoverStatus(hostId, 'op-grow')).toEqual({ state: 'ended', epoch: 1, result });
    expect((await startedOf(agent)).vms.map((vm) => vm.vmId)).toEqual(['grown']);
    expect(agent.context.vms.get('grown')!.vcpus).toBe(2);
  });
});

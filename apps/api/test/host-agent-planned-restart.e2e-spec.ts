import { join } from 'node:path';
import { BullMqHostAgentGateway } from '@fsr/infrastructure';
import { redisOptionsFromUrl } from '@fsr/redis-plumbing';
import { ConnectionOptions } from 'bullmq';
import { diskContentHash } from './support/disk-content-hash';
import { eventually } from './support/eventually';
import { REDIS_URL, TestStack } from './support/test-stack';

jest.setTimeout(90_000);

/** As on ESXi, restarting the management agent leaves the VMs running; only a crash of the host loses them. */
describe('a host agent restarted on purpose (e2e)', () => {
  let stack: TestStack;
  const pathOf = (fileName: string) => join(stack.dataDir, 'datastores', 'ds1', fileName);
  const vm = async (id: string) => (await stack.http().get(`/vms/${id}`)).body;
  const checksums = async (): Promise<Record<string, string>> =>
    Object.fromEntries((await stack.http().get('/hosts/host-1/memory')).body.vms.map((v: { vmId: string; checksum: string }) => [v.vmId, v.checksum]));
  const createOn = async (name: string, diskMiB: number) => {
    const spec = { name, hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 2, memoryMiB: 256, cpuHotAddEnabled: true, memoryHotAddEnabled: true, disks: [{ sizeMiB: diskMiB }] };
    const created = (await stack.http('operator').post('/vms', spec).expect(201)).body as { id: string; disks: { fileName: string }[] };
    await stack.http('operator').post(`/vms/${created.id}/power`, { action: 'on' }).expect(200);
    return { id: created.id, disk: pathOf(created.disks[0].fileName) };
  };

  beforeAll(async () => {
    stack = await TestStack.start({
      env: { HEARTBEAT_TIMEOUT_MS: '1500' },
      agentEnv: { HOST_MEMORY_MIB: '2048', HEARTBEAT_INTERVAL_MS: '250', WORKER_THREADS: '1' },
    });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 1 }).expect(201);
  }, 60_000);
  afterAll(() => stack?.close());

  it('keeps a VM with a guest workload running across SIGTERM and start: same PFrames and disk, a hot add after; SIGKILL still loses it', async () => {
    const busy = await createOn('restart-busy', 8);
    const idle = await createOn('restart-idle', 4);
    await stack.http('operator').post(`/vms/${busy.id}/workload`, { diskWriteMiBps: 16, pageRemapsPerSec: 500 }).expect(200);
    await stack.http('operator').post(`/vms/${idle.id}/workload`, { diskWriteMiBps: 16 }).expect(200);
    const idleBlank = await diskContentHash(idle.disk);
    await eventually(() => diskContentHash(idle.disk), (hash) => hash !== idleBlank, { what: 'the idle VM to have written its disk' });
    await stack.http('operator').post(`/vms/${idle.id}/workload`, {}).expect(200);
    const beforeStop = await checksums();
    await eventually(checksums, (now) => now[busy.id] !== beforeStop[busy.id], { what: 'the busy guest to remap pages' });
    const idleDisk = await diskContentHash(idle.disk);

    expect(await stack.agents.get('host-1')!.stop('SIGTERM')).toBe(0);
    await stack.waitForHost('host-1', 'disconnected');
    const busyDiskAtStop = await diskContentHash(busy.disk);
    await stack.startAgent('host-1');

    for (const { id } of [busy, idle]) expect(await vm(id)).toMatchObject({ powerState: 'poweredOn', activeOperationId: null });
    const [disconnected] = (await stack.http().get('/hosts/host-1/history?type=host.disconnected')).body.items;
    expect(disconnected.data.reason).toBe('agent-restarting');
    const keptBusy = disconnected.data.keptVms.find((kept: { vmId: string }) => kept.vmId === busy.id).pframeChecksum;
    const connected = (await stack.http().get('/hosts/host-1/history?type=host.connected&order=desc&limit=1')).body.items[0];
    expect(connected.data.restoredVms).toEqual(disconnected.data.keptVms);
    expect(keptBusy).not.toBe(beforeStop[busy.id]);
    expect((await checksums())[idle.id]).toBe(beforeStop[idle.id]);
    expect(await diskContentHash(idle.disk)).toBe(idleDisk);
    // The busy guest goes on where it stopped: its pages move and its disk is written again.
    await eventually(checksums, (now) => now[busy.id] !== keptBusy, { what: 'the busy guest to remap pages again' });
    await eventually(() => diskContentHash(busy.disk), (hash) => hash !== busyDiskAtStop, { what: 'the busy guest to write again' });

    const hotAdd = (await stack.http('operator').post(`/vms/${busy.id}/hot-add`, { vcpus: 4, memoryMiB: 512 }).expect(202)).body;
    expect(await stack.waitForOperation(hotAdd.operationId)).toMatchObject({ state: 'succeeded' });
    expect(await vm(busy.id)).toMatchObject({ powerState: 'poweredOn', vcpus: 4, memoryMiB: 512 });

    await stack.agents.get('host-1')!.stop('SIGKILL');
    await stack.waitForHost('host-1', 'disconnected');
    await stack.startAgent('host-1');
    for (const { id } of [busy, idle]) {
      await eventually(() => vm(id), (view) => view.powerState === 'poweredOff', { what: `${id} powered off by the crash` });
      const offs = (await stack.http().get(`/vms/${id}/history?type=vm.powered-off`)).body.items;
      expect(offs.map((item: { data: { reason: string } }) => item.data.reason)).toEqual(['host-failure']);
    }
  });

  it('powers off on the agent a VM it took back that the log does not hold running there', async () => {
    const gateway = new BullMqHostAgentGateway({ connection: redisOptionsFromUrl(REDIS_URL) as ConnectionOptions, prefix: stack.queuePrefix, timeoutMs: 10_000 });
    try {
      // Behind the control plane's back, as an old DATA_DIR under a reset database would hold it.
      await gateway.powerOn('host-1', { vmId: 'stranger', vcpus: 1, memoryMiB: 64, disks: [] });
      expect(await stack.agents.get('host-1')!.stop('SIGTERM')).toBe(0);
      await stack.waitForHost('host-1', 'disconnected');
      await stack.startAgent('host-1');

      const connected = (await stack.http().get('/hosts/host-1/history?type=host.connected&order=desc&limit=1')).body.items[0];
      expect(connected.data.restoredVms.map((vm: { vmId: string }) => vm.vmId)).toContain('stranger');
      await eventually(
        () => gateway.inspectMemory('host-1'),
        (memory) => !memory.vms.some((vm) => vm.vmId === 'stranger'),
        { what: 'the stranger VM powered off on the agent' },
      );
      expect((await stack.http().get('/hosts/host-1/memory')).body.conflictingMpns).toBe(0);
    } finally {
      await gateway.close();
    }
  });
});


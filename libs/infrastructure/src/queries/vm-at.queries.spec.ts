import { VmHardware } from '@fsr/domain';
import { InMemoryEventStore } from '../event-store/in-memory-event-store';
import { ManualClock } from '../event-store/manual-clock';
import { ScenarioWriter } from '../projections/scenario-writer.fixture';
import { VmQueries } from './vm.queries';

const hardware: VmHardware = {
  vcpus: 2,
  coresPerSocket: 1,
  memoryMiB: 1024,
  cpuHotAddEnabled: true,
  memoryHotAddEnabled: true,
  disks: [],
  nics: [],
};

describe('VM as it was at a time', () => {
  const clock = new ManualClock(new Date('2026-01-01T10:00:00.000Z'));
  const store = new InMemoryEventStore({ clock: clock.read });
  const queries = new VmQueries(null as never, store);

  beforeAll(async () => {
    const writer = new ScenarioWriter(store);
    await writer.record(['vm-vm1', [{ type: 'vm.created', data: { vmId: 'vm1', name: 'web', hostId: 'h1', datastoreId: 'ds1', ...hardware } }]]);
    clock.advance(60_000);
    await writer.record(['vm-vm1', [{ type: 'vm.powered-on', data: { vmId: 'vm1', hostId: 'h1', memoryMiB: 1024 } }]]);
    clock.advance(60_000);
    await writer.record(['vm-vm1', [{ type: 'vm.reconfigured', data: { vmId: 'vm1', hardware: { ...hardware, vcpus: 8 } } }]]);
    clock.advance(60_000);
    await writer.record(['vm-vm1', [{ type: 'vm.deleted', data: { vmId: 'vm1' } }]]);
  });

  it('folds the VM stream up to the time asked for', async () => {
    await expect(queries.getAt('vm1', new Date('2026-01-01T10:00:30.000Z'))).resolves.toMatchObject({
      powerState: 'poweredOff',
      vcpus: 2,
      version: 0,
    });
    await expect(queries.getAt('vm1', new Date('2026-01-01T10:02:00.000Z'))).resolves.toMatchObject({
      powerState: 'poweredOn',
      vcpus: 8,
      version: 2,
      updatedAt: '2026-01-01T10:02:00.000Z',
    });
  });

  it('answers VM_NOT_FOUND before it was created, after it was deleted, or for an unknown VM', async () => {
    await expect(queries.getAt('vm1', new Date('2026-01-01T09:59:59.000Z'))).rejects.toMatchObject({ code: 'VM_NOT_FOUND' });
    await expect(queries.getAt('vm1', new Date('2026-01-01T10:03:00.000Z'))).rejects.toMatchObject({ code: 'VM_NOT_FOUND' });
    await expect(queries.getAt('other', new Date('2026-01-01T10:03:00.000Z'))).rejects.toMatchObject({ code: 'VM_NOT_FOUND' });
  });

  it('warns against the VM\'s host as it was at that time', async () => {
    const writer = new ScenarioWriter(store);
    const capacity = { cpuCores: 16, memoryMiB: 65536, workerThreads: 4, pframesPerSecondPerThread: null };
    const connected = (numaNodes: number) => ({ type: 'host.connected', data: { hostId: 'h2', agentInstanceId: `a${numaNodes}`, ...capacity, numaNodes } });
    clock.advance(new Date('2026-01-01T11:00:00.000Z').getTime() - clock.read().getTime());
    await writer.record(['host-h2', [{ type: 'host.registered', data: { hostId: 'h2', name: 'esx-02' } }, connected(2)]]);
    const wide = { ...hardware, vcpus: 12, disks: [{ diskId: 'd0', sizeMiB: 1, datastoreId: 'ds1', fileName: 'd0.vmdk' }] };
    await writer.record(['vm-vm2', [{ type: 'vm.created', data: { vmId: 'vm2', name: 'wide', hostId: 'h2', datastoreId: 'ds1', ...wide } }]]);
    clock.advance(60_000);
    await writer.record(['host-h2', [connected(1)]]);

    const before = await queries.getAt('vm2', new Date('2026-01-01T11:00:30.000Z'));
    expect(before.warnings).toEqual([expect.objectContaining({ code: 'VNUMA_DISABLED_BY_CPU_HOT_ADD', vcpus: 12, coresPerNumaNode: 8 })]);
    expect((await queries.getAt('vm2', new Date('2026-01-01T11:01:30.000Z'))).warnings).toEqual([]);
  });
});

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
});

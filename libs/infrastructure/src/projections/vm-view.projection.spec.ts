import { VmEvent, VmHardware } from '@fsr/domain';
import { recorded } from './recorded-event.fixture';
import { VmViewRow } from './view-rows';
import { evolveVmView } from './vm-view.projection';

const hardware: VmHardware = {
  vcpus: 2,
  coresPerSocket: 1,
  memoryMiB: 2048,
  cpuHotAddEnabled: true,
  memoryHotAddEnabled: true,
  disks: [{ diskId: 'd1', sizeMiB: 512, datastoreId: 'ds1', fileName: 'vm1-d1.vmdk' }],
  nics: [{ nicId: 'n1', network: 'vm-network' }],
};

const fold = (events: VmEvent[]): VmViewRow | null =>
  events.reduce<VmViewRow | null>((row, event, version) => evolveVmView(row, recorded(event, version)), null);

const created: VmEvent = { type: 'vm.created', data: { vmId: 'vm1', name: 'web', hostId: 'h1', datastoreId: 'ds1', ...hardware } };
const poweredOn: VmEvent = { type: 'vm.powered-on', data: { vmId: 'vm1', hostId: 'h1', memoryMiB: 2048 } };

describe('vm view projection', () => {
  it('creates a powered-off VM with its hardware at stream version 0', () => {
    expect(fold([created])).toMatchObject({
      id: 'vm1',
      name: 'web',
      hostId: 'h1',
      datastoreId: 'ds1',
      powerState: 'poweredOff',
      vcpus: 2,
      memoryMiB: 2048,
      disks: hardware.disks,
      nics: hardware.nics,
      powerOnMemoryMiB: null,
      activeOperationId: null,
      version: 0,
    });
  });

  it('remembers the power-on memory and the running operation', () => {
    const row = fold([created, poweredOn, { type: 'vm.operation-started', data: { vmId: 'vm1', operationId: 'op1', kind: 'hot-add' } }]);
    expect(row).toMatchObject({ powerState: 'poweredOn', powerOnMemoryMiB: 2048, activeOperationId: 'op1', version: 2 });
  });

  it('applies a hot-add and ends the operation', () => {
    const grown = { ...hardware, vcpus: 4, memoryMiB: 4096 };
    const row = fold([
      created,
      poweredOn,
      { type: 'vm.operation-started', data: { vmId: 'vm1', operationId: 'op1', kind: 'hot-add' } },
      { type: 'vm.reconfigured', data: { vmId: 'vm1', hardware: grown, operationId: 'op1' } },
      { type: 'vm.operation-ended', data: { vmId: 'vm1', operationId: 'op1', outcome: 'succeeded' } },
    ]);
    expect(row).toMatchObject({ vcpus: 4, memoryMiB: 4096, powerOnMemoryMiB: 2048, activeOperationId: null, version: 4 });
  });

  it('moves to the datastore of its relocated disks', () => {
    const moved = { ...hardware, disks: [{ ...hardware.disks[0], datastoreId: 'ds2' }] };
    expect(fold([created, { type: 'vm.reconfigured', data: { vmId: 'vm1', hardware: moved } }])?.datastoreId).toBe('ds2');
  });

  it('stops the workload and forgets the power-on memory when powered off', () => {
    const workload = { diskWriteMiBps: 10, pageRemapsPerSec: 100 };
    const row = fold([
      created,
      poweredOn,
      { type: 'vm.workload-set', data: { vmId: 'vm1', workload } },
      { type: 'vm.powered-off', data: { vmId: 'vm1', hostId: 'h1', reason: 'user' } },
    ]);
    expect(row).toMatchObject({ powerState: 'poweredOff', powerOnMemoryMiB: null, workload: null });
  });

  it('is suspended without workload, and powered on again when resumed', () => {
    const workload = { diskWriteMiBps: 10, pageRemapsPerSec: 100 };
    const suspended: VmEvent = { type: 'vm.suspended', data: { vmId: 'vm1', hostId: 'h1' } };
    const events: VmEvent[] = [created, poweredOn, { type: 'vm.workload-set', data: { vmId: 'vm1', workload } }, suspended];
    expect(fold(events)).toMatchObject({ powerState: 'suspended', workload: null, powerOnMemoryMiB: null, version: 3 });
    expect(fold([...events, poweredOn])).toMatchObject({ powerState: 'poweredOn', powerOnMemoryMiB: 2048 });
  });

  it('disappears when deleted', () => {
    expect(fold([created, { type: 'vm.deleted', data: { vmId: 'vm1' } }])).toBeNull();
  });
});

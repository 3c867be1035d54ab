import type { VmDto } from '@fsr/infrastructure';
import { serialize } from '../dialects/dialect';
import { memoryInfo, vmInfo, vmSummary } from './vm-info';

const vm = {
  id: 'b3c1a5e0-0000-4000-8000-000000000001',
  name: 'web',
  hostId: 'host-1',
  datastoreId: 'ds-gold',
  powerState: 'poweredOn',
  vcpus: 4,
  coresPerSocket: 2,
  memoryMiB: 2048,
  powerOnMemoryMiB: 1024,
  cpuHotAddEnabled: true,
  memoryHotAddEnabled: true,
  disks: [
    { diskId: 'd0', sizeMiB: 16, datastoreId: 'ds-gold', fileName: 'web-d0.vmdk' },
    { diskId: 'd1', sizeMiB: 1, datastoreId: 'ds-gold', fileName: 'web-d1.vmdk' },
  ],
  nics: [{ nicId: 'n0', network: 'VM Network' }],
  workload: null,
  activeOperationId: null,
  version: 5,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
} as VmDto;

describe('vmInfo', () => {
  const info = JSON.parse(serialize('api', vmInfo(vm, new Map([['ds-gold', 'gold']]))));

  it('keys disks from 2000 with their file as [datastore] vm/file and capacity in bytes', () => {
    expect(info.disks).toEqual({
      2000: expect.objectContaining({ label: 'Hard disk 1', backing: { type: 'VMDK_FILE', vmdk_file: '[gold] web/web-d0.vmdk' }, capacity: 16 * 1024 * 1024 }),
      2001: expect.objectContaining({ label: 'Hard disk 2', scsi: { bus: 0, unit: 1 } }),
    });
  });

  it('keys NICs from 4000 on network-10, with a stable VMware MAC', () => {
    expect(info.nics['4000']).toMatchObject({ backing: { type: 'STANDARD_PORTGROUP', network: 'network-10', network_name: 'VM Network' }, state: 'CONNECTED' });
    expect(info.nics['4000'].mac_address).toMatch(/^00:50:56(:[0-9a-f]{2}){3}$/);
    expect(JSON.parse(serialize('api', vmInfo(vm, new Map()))).nics['4000'].mac_address).toBe(info.nics['4000'].mac_address);
  });

  it('shows CPU and memory as the spec does, the hot-add limit 16 times the power-on memory', () => {
    expect(info.cpu).toEqual({ count: 4, cores_per_socket: 2, hot_add_enabled: true, hot_remove_enabled: false });
    expect(info.memory).toEqual({ size_MiB: 2048, hot_add_enabled: true, hot_add_increment_size_MiB: 128, hot_add_limit_MiB: 16 * 1024 });
    expect(memoryInfo({ ...vm, memoryHotAddEnabled: false })).toEqual({ size_MiB: 2048, hot_add_enabled: false });
    expect(info.power_state).toBe('POWERED_ON');
  });

  it('summarises a suspended VM as SUSPENDED', () => {
    expect(vmSummary('vm-1001', { ...vm, powerState: 'suspended' })).toEqual({ vm: 'vm-1001', name: 'web', power_state: 'SUSPENDED', cpu_count: 4, memory_size_MiB: 2048 });
  });
});

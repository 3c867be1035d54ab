import { hostDecider, requireHost } from '../host/host';
import { HostCapacityExceededError, HostCpuExceededError, HostNotFoundError } from '../host/host.errors';
import { HostEvent } from '../host/host.events';
import { fold } from '../shared/decider';
import { DomainError } from '../shared/domain-error';
import { initialVmState, vmDecider } from '../vm/vm';
import { VmInvalidHardwareError, VmNotFoundError } from '../vm/vm.errors';
import { VmEvent, VmHardware } from '../vm/vm.events';
import { hardware, vmCreated, vmPoweredOn } from '../vm/vm.fixtures';
import {
  CpuHotAddDisabledError,
  HotAddNothingRequestedError,
  HotAddSettingRequiresPowerOffError,
  MemoryHotAddDisabledError,
  MemoryHotAddLimitExceededError,
  MemoryNotMultipleOfIncrementError,
  MemoryRemovalNotSupportedError,
  VcpuRemovalNotSupportedError,
  VcpusNotMultipleOfCoresPerSocketError,
} from './hot-add.errors';
import { HotAddChangeRequest, planHotAdd } from './hot-add-planner';

const hostEvents: HostEvent[] = [
  { type: 'host.registered', data: { hostId: 'host-1', name: 'esx-1' } },
  { type: 'host.connected', data: { hostId: 'host-1', agentInstanceId: 'a', cpuCores: 8, memoryMiB: 4096, workerThreads: 4, pframesPerSecondPerThread: null } },
  { type: 'host.vm-memory-committed', data: { hostId: 'host-1', vmId: 'vm-1', memoryMiB: 1024 } },
];
const host = requireHost(fold(hostDecider, hostEvents));
const vmOf = (events: VmEvent[]) => fold(vmDecider, events);
const poweredOff = (hw: VmHardware = hardware) => vmOf([vmCreated(hw)]);
const poweredOn = (hw: VmHardware = hardware) => vmOf([vmCreated(hw), vmPoweredOn(hw.memoryMiB)]);
const ids = () => {
  let next = 0;
  return { newDiskId: () => `disk-new-${++next}`, newNicId: () => `nic-new-${++next}`, diskFileName: (id: string) => `${id}.img` };
};
const plan = (vm = poweredOn(), request: HotAddChangeRequest = {}) => planHotAdd(vm, host, request, ids());
const rejection = (action: () => unknown): DomainError => {
  try {
    action();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a rejection');
};

describe('planHotAdd', () => {
  it('refuses a suspended VM: its saved state cannot take new hardware', () => {
    const suspended = vmOf([vmCreated(hardware), vmPoweredOn(hardware.memoryMiB), { type: 'vm.suspended', data: { vmId: 'vm-1', hostId: 'host-1' } }]);
    expect(rejection(() => plan(suspended, { vcpus: 8 }))).toMatchObject({ code: 'VM_INVALID_POWER_STATE' });
  });

  describe('powered off: a configuration change', () => {
    it('allows any valid change, settings and shrinking included', () => {
      const request = { vcpus: 1, memoryMiB: 1020, cpuHotAddEnabled: false, memoryHotAddEnabled: false };
      const result = plan(poweredOff(), request);
      expect(result).toMatchObject({ disruption: 'config-only', source: hardware, target: { ...hardware, ...request }, addedMemoryMiB: 0 });
    });
    it('stays a configuration change when nothing differs', () => {
      expect(plan(poweredOff(), { vcpus: hardware.vcpus }).disruption).toBe('config-only');
    });
  });

  describe('powered on: an FSR switch-over', () => {
    it('adds vCPUs and memory', () => {
      expect(plan(poweredOn(), { vcpus: 4, memoryMiB: 1024 + 256 })).toMatchObject({
        disruption: 'fsr',
        target: { ...hardware, vcpus: 4, memoryMiB: 1280 },
        addedMemoryMiB: 256,
        addedDisks: [],
      });
    });
    it('adds devices with fresh ids on the VM datastore', () => {
      const result = plan(poweredOn(), { devices: [{ type: 'disk', sizeMiB: 32 }, { type: 'nic', network: 'dmz' }] });
      const disk = { diskId: 'disk-new-1', sizeMiB: 32, datastoreId: 'ds-1', fileName: 'disk-new-1.img' };
      expect(result.disruption).toBe('fsr');
      expect(result.addedDisks).toEqual([disk]);
      expect(result.target.disks).toEqual([...hardware.disks, disk]);
      expect(result.target.nics).toEqual([...hardware.nics, { nicId: 'nic-new-2', network: 'dmz' }]);
    });
    it('needs no switch-over when the totals are unchanged', () => {
      expect(plan(poweredOn(), { vcpus: 2, memoryMiB: 1024, cpuHotAddEnabled: true })).toMatchObject({ disruption: 'none', addedMemoryMiB: 0 });
    });
    it('allows growing up to 16 times the power-on memory', () => {
      const small = { ...hardware, memoryMiB: 128 };
      expect(planHotAdd(poweredOn(small), { ...host, committedMiB: {} }, { memoryMiB: 2048 }, ids()).addedMemoryMiB).toBe(1920);
    });
  });

  it.each<[string, () => unknown, new (...args: never[]) => DomainError, string, string]>([
    ['an empty request', () => plan(poweredOn(), { devices: [] }), HotAddNothingRequestedError, 'NOTHING_TO_CHANGE', 'invalid'],
    ['a CPU hot-add setting change while on', () => plan(poweredOn(), { cpuHotAddEnabled: false }), HotAddSettingRequiresPowerOffError, 'HOT_ADD_SETTING_REQUIRES_POWER_OFF', 'conflict'],
    ['a memory hot-add setting change while on', () => plan(poweredOn(), { memoryHotAddEnabled: false }), HotAddSettingRequiresPowerOffError, 'HOT_ADD_SETTING_REQUIRES_POWER_OFF', 'conflict'],
    ['removing vCPUs while on', () => plan(poweredOn(), { vcpus: 1 }), VcpuRemovalNotSupportedError, 'VCPU_REMOVAL_NOT_SUPPORTED', 'conflict'],
    ['adding vCPUs with CPU hot add disabled', () => plan(poweredOn({ ...hardware, cpuHotAddEnabled: false }), { vcpus: 4 }), CpuHotAddDisabledError, 'HOT_ADD_DISABLED', 'conflict'],
    ['removing memory while on', () => plan(poweredOn(), { memoryMiB: 896 }), MemoryRemovalNotSupportedError, 'MEMORY_REMOVAL_NOT_SUPPORTED', 'conflict'],
    ['adding memory with memory hot add disabled', () => plan(poweredOn({ ...hardware, memoryHotAddEnabled: false }), { memoryMiB: 1152 }), MemoryHotAddDisabledError, 'HOT_ADD_DISABLED', 'conflict'],
    ['memory not in 128 MiB steps', () => plan(poweredOn(), { memoryMiB: 1024 + 64 }), MemoryNotMultipleOfIncrementError, 'MEMORY_NOT_MULTIPLE_OF_INCREMENT', 'invalid'],
    ['memory over 16x the power-on memory', () => plan(poweredOn({ ...hardware, memoryMiB: 128 }), { memoryMiB: 2048 + 128 }), MemoryHotAddLimitExceededError, 'MEMORY_HOT_ADD_LIMIT_EXCEEDED', 'conflict'],
    ['more memory than the host has free', () => plan(poweredOn(), { memoryMiB: 1024 + 3072 + 128 }), HostCapacityExceededError, 'HOST_CAPACITY_EXCEEDED', 'conflict'],
    ['vCPUs not a multiple of cores per socket (on)', () => plan(poweredOn({ ...hardware, coresPerSocket: 2 }), { vcpus: 3 }), VcpusNotMultipleOfCoresPerSocketError, 'VCPUS_NOT_MULTIPLE_OF_CORES_PER_SOCKET', 'invalid'],
    ['vCPUs not a multiple of cores per socket (off)', () => plan(poweredOff({ ...hardware, coresPerSocket: 2 }), { vcpus: 5 }), VcpusNotMultipleOfCoresPerSocketError, 'VCPUS_NOT_MULTIPLE_OF_CORES_PER_SOCKET', 'invalid'],
    ['more vCPUs than the host has cores (on)', () => plan(poweredOn(), { vcpus: 9 }), HostCpuExceededError, 'HOST_CPU_EXCEEDED', 'conflict'],
    ['more vCPUs than the host has cores (off)', () => plan(poweredOff(), { vcpus: 16 }), HostCpuExceededError, 'HOST_CPU_EXCEEDED', 'conflict'],
    ['a NIC without a network', () => plan(poweredOn(), { devices: [{ type: 'nic' }] }), VmInvalidHardwareError, 'INVALID_HARDWARE', 'invalid'],
    ['an empty disk', () => plan(poweredOn(), { devices: [{ type: 'disk', sizeMiB: 0 }] }), VmInvalidHardwareError, 'INVALID_HARDWARE', 'invalid'],
    ['a missing VM', () => planHotAdd(initialVmState, host, { vcpus: 4 }, ids()), VmNotFoundError, 'VM_NOT_FOUND', 'not-found'],
    ['a missing host', () => planHotAdd(poweredOn(), hostDecider.initialState, { vcpus: 4 }, ids()), HostNotFoundError, 'HOST_NOT_FOUND', 'not-found'],
  ])('rejects %s', (_case, action, errorClass, code, kind) => {
    const error = rejection(action);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toMatchObject({ code, kind });
  });

  it('names the resource whose hot add is disabled', () => {
    expect(rejection(() => plan(poweredOn({ ...hardware, cpuHotAddEnabled: false }), { vcpus: 4 })).details).toEqual({ resource: 'cpu' });
    expect(rejection(() => plan(poweredOn({ ...hardware, memoryHotAddEnabled: false }), { memoryMiB: 1152 })).details).toEqual({ resource: 'memory' });
  });
});

import { DeviceState } from '../vm/hosted-vm';
import { PreparedSwitchover } from './prepared-switchover';

/**
 * Hands the suspended source's device state to the destination: a deep copy with the target's vCPU
 * count and memory; added vCPUs start from their reset state built at prepare time.
 */
export function transferDeviceState(switchover: PreparedSwitchover): DeviceState {
  const source = structuredClone(switchover.source.deviceState);
  const target = switchover.destination.deviceState;
  const state: DeviceState = {
    ...source,
    vcpus: target.vcpus,
    memoryMiB: target.memoryMiB,
    disks: switchover.command.targetDisks?.map(({ diskId, path }) => ({ diskId, path })) ?? source.disks,
    vcpuRegisters: target.vcpuRegisters.map((reset, cpu) => source.vcpuRegisters[cpu] ?? reset),
  };
  switchover.destination.deviceState = state;
  return state;
}

import { DiskFile } from '@fsr/contracts';
import { PFrameTable } from '../memory/pframe-table';
import { GuestWorkload } from './guest-workload';

/** The small per-VM record handed from source to destination during the stun. */
export interface DeviceState {
  readonly vcpus: number;
  readonly memoryMiB: number;
  readonly disks: readonly { readonly diskId: string; readonly path: string }[];
  /** A stand-in for each vCPU's register file, so the transfer moves real per-vCPU data. */
  readonly vcpuRegisters: readonly (readonly number[])[];
}

/** One incarnation of a VM on the host: its PFrames and device state. A switch-over replaces it. */
export interface VmInstance {
  readonly table: PFrameTable;
  deviceState: DeviceState;
}

const REGISTERS_PER_VCPU = 32;

export function initialDeviceState(vcpus: number, memoryMiB: number, disks: readonly DiskFile[]): DeviceState {
  return {
    vcpus,
    memoryMiB,
    disks: disks.map(({ diskId, path }) => ({ diskId, path })),
    vcpuRegisters: Array.from({ length: vcpus }, (_, cpu) =>
      Array.from({ length: REGISTERS_PER_VCPU }, (_, register) => cpu * REGISTERS_PER_VCPU + register),
    ),
  };
}

export class HostedVm {
  status: 'running' | 'suspended' = 'running';
  /** The operation currently preparing or executing a switch-over of this VM, if any. */
  busyWith: string | null = null;
  /** Pages the last switch-over carried over from the source (the rest were hot-added). */
  carriedOverPages: number | null = null;

  constructor(
    readonly vmId: string,
    public instance: VmInstance,
    readonly workload: GuestWorkload,
  ) {}

  get pages(): number {
    return this.instance.table.pages;
  }

  get vcpus(): number {
    return this.instance.deviceState.vcpus;
  }
}

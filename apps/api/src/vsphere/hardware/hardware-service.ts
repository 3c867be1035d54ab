import { Injectable } from '@nestjs/common';
import { CommandContext } from '@fsr/application';
import { HotAddRequest } from '../../control-plane/hot-add/hot-add.command';
import type { VmDto } from '@fsr/infrastructure';
import { VsphereError } from '../errors/vsphere-error';
import { parseSpec } from '../dialects/parse-spec';
import { cpuUpdateSpec, memoryUpdateSpec } from './update-specs';
import { cpuInfo, memoryInfo } from '../vm/vm-info';
import { VmLookup } from '../vm/vm-lookup';
import { LongCallResult, Reconfigure } from './reconfigure';

const unsupported = (message: string) => new VsphereError('UNSUPPORTED', message, 'fsr.unsupported');

/** Hardware.Cpu and Hardware.Memory: GET shows our VM, PATCH is a hot add (or, powered off, a reconfiguration). */
@Injectable()
export class HardwareService {
  constructor(
    private readonly lookup: VmLookup,
    private readonly reconfigure: Reconfigure,
  ) {}

  async cpu(moid: string) {
    return cpuInfo(await this.lookup.get(moid));
  }

  async memory(moid: string) {
    return memoryInfo(await this.lookup.get(moid));
  }

  /** Hardware.Info: our VMs have no virtual hardware versions to upgrade. */
  async hardware(moid: string) {
    await this.lookup.get(moid);
    return { version: 'VMX_19', upgrade_policy: 'NEVER', upgrade_status: 'NONE' };
  }

  async updateCpu(moid: string, body: unknown, context: CommandContext, asTask: boolean): Promise<LongCallResult> {
    const spec = parseSpec(cpuUpdateSpec, body, 'Cpu.UpdateSpec');
    const vm = await this.lookup.get(moid);
    if (spec.hot_remove_enabled) throw unsupported('hot_remove_enabled: our VMs cannot remove vCPUs while powered on');
    if (spec.cores_per_socket !== undefined && spec.cores_per_socket !== vm.coresPerSocket) {
      throw unsupported(`cores_per_socket: changing it (${vm.coresPerSocket}) is not supported; only count and hot_add_enabled are`);
    }
    return this.apply(vm, { vcpus: changed(spec.count, vm.vcpus), cpuHotAddEnabled: changed(spec.hot_add_enabled, vm.cpuHotAddEnabled) }, context, asTask);
  }

  async updateMemory(moid: string, body: unknown, context: CommandContext, asTask: boolean): Promise<LongCallResult> {
    const spec = parseSpec(memoryUpdateSpec, body, 'Memory.UpdateSpec');
    const vm = await this.lookup.get(moid);
    const request = { memoryMiB: changed(spec.size_MiB, vm.memoryMiB), memoryHotAddEnabled: changed(spec.hot_add_enabled, vm.memoryHotAddEnabled) };
    return this.apply(vm, request, context, asTask);
  }

  private async apply(vm: VmDto, request: HotAddRequest, context: CommandContext, asTask: boolean): Promise<LongCallResult> {
    const asked = Object.fromEntries(Object.entries(request).filter(([, value]) => value !== undefined)) as HotAddRequest;
    // vCenter answers an update to what the VM already has as done.
    if (Object.keys(asked).length === 0) return { done: true };
    return this.reconfigure.apply(vm.id, asked, context, asTask);
  }
}

const changed = <T>(wanted: T | undefined, current: T): T | undefined => (wanted === undefined || wanted === current ? undefined : wanted);

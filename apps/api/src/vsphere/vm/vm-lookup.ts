import { Injectable } from '@nestjs/common';
import { VmDto, VmQueries } from '@fsr/infrastructure';
import { VsphereIds } from '../ids/vsphere-ids';
import { notFound } from '../errors/vsphere-error';

/** A VM named by its vSphere identifier. */
@Injectable()
export class VmLookup {
  constructor(
    private readonly ids: VsphereIds,
    private readonly vms: VmQueries,
  ) {}

  /** Our id of the VM. @throws NOT_FOUND */
  async idOf(moid: string): Promise<string> {
    const id = await this.ids.ourIdOf('vm', moid);
    if (!id) throw notFound('Virtual machine', moid);
    return id;
  }

  /** @throws NOT_FOUND, also for a deleted VM. */
  async get(moid: string): Promise<VmDto> {
    const id = await this.idOf(moid);
    try {
      return await this.vms.get(id);
    } catch (error) {
      if ((error as { code?: string }).code === 'VM_NOT_FOUND') throw notFound('Virtual machine', moid);
      throw error;
    }
  }
}

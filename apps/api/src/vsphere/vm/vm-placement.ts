import { Injectable } from '@nestjs/common';
import { DatastoreQueries, HostQueries } from '@fsr/infrastructure';
import { invalidArgument } from '../errors/vsphere-error';
import { VsphereIds } from '../ids/vsphere-ids';
import { FIXED } from '../inventory/fixed-inventory';
import { CreateSpec } from './create-spec';

type Placement = NonNullable<CreateSpec['placement']>;

/** Where a new VM goes, in our ids: the host and datastore named, else the ones with most room. */
@Injectable()
export class VmPlacement {
  constructor(
    private readonly ids: VsphereIds,
    private readonly hosts: HostQueries,
    private readonly datastores: DatastoreQueries,
  ) {}

  async resolve(placement: Placement = {}): Promise<{ hostId: string; datastoreId: string }> {
    this.expectFixed('folder', placement.folder, FIXED.vmFolder.id);
    this.expectFixed('resource_pool', placement.resource_pool, FIXED.resourcePool.id);
    this.expectFixed('cluster', placement.cluster, FIXED.cluster.id);
    return { hostId: await this.hostOf(placement.host), datastoreId: await this.datastoreOf(placement.datastore) };
  }

  async hostOf(moid: string | undefined): Promise<string> {
    if (moid !== undefined) {
      const id = await this.ids.ourIdOf('host', moid);
      if (!id) throw invalidArgument(`placement.host ${moid} is not a host of this vCenter`, [moid]);
      return id;
    }
    const usable = (await this.hosts.list())
      .filter((host) => host.connectionState === 'connected' && !host.maintenance)
      .sort((a, b) => b.capacity.memoryMiB - b.used.memoryMiB - (a.capacity.memoryMiB - a.used.memoryMiB));
    if (usable.length === 0) throw invalidArgument('No connected host to place the VM on; name one in placement.host');
    return usable[0].id;
  }

  async datastoreOf(moid: string | undefined, field = 'placement.datastore'): Promise<string> {
    if (moid !== undefined) {
      const id = await this.ids.ourIdOf('datastore', moid);
      if (!id) throw invalidArgument(`${field} ${moid} is not a datastore of this vCenter`, [moid]);
      return id;
    }
    const roomiest = (await this.datastores.list()).sort((a, b) => b.freeMiB - a.freeMiB)[0];
    if (!roomiest) throw invalidArgument(`There is no datastore yet; create one and name it in ${field}`);
    return roomiest.id;
  }

  private expectFixed(field: string, given: string | undefined, only: string): void {
    if (given !== undefined && given !== only) throw invalidArgument(`placement.${field} ${given} does not exist; this vCenter has ${only}`, [given]);
  }
}

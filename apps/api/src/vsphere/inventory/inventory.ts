import { Injectable } from '@nestjs/common';
import { DatastoreDto, DatastoreQueries, HostDto, HostQueries, VmDto, VmQueries } from '@fsr/infrastructure';
import { VsphereIds } from '../ids/vsphere-ids';

/** Our read models with the identifiers the vSphere API shows for them. */
export interface Named<T> {
  readonly moid: string;
  readonly item: T;
}

/** Reads hosts, datastores and VMs and names each with its stable vCenter-like identifier. */
@Injectable()
export class Inventory {
  constructor(
    private readonly hosts: HostQueries,
    private readonly datastores: DatastoreQueries,
    private readonly vms: VmQueries,
    readonly ids: VsphereIds,
  ) {}

  async allHosts(): Promise<Named<HostDto>[]> {
    return this.named('host', await this.hosts.list());
  }

  async allDatastores(): Promise<Named<DatastoreDto>[]> {
    return this.named('datastore', await this.datastores.list());
  }

  async allVms(): Promise<Named<VmDto>[]> {
    return this.named('vm', await this.vms.list());
  }

  /** Identifiers of the hosts and datastores the VMs sit on, by our ids. */
  async placementMoids(vms: readonly VmDto[]) {
    const [hosts, datastores] = await Promise.all([
      this.ids.moidsOf('host', vms.map((vm) => vm.hostId)),
      this.ids.moidsOf('datastore', vms.flatMap((vm) => [vm.datastoreId, ...vm.disks.map((disk) => disk.datastoreId)])),
    ]);
    return { hosts, datastores };
  }

  private async named<T extends { id: string }>(kind: 'host' | 'datastore' | 'vm', items: readonly T[]): Promise<Named<T>[]> {
    const moids = await this.ids.moidsOf(kind, items.map((item) => item.id));
    return items.map((item) => ({ moid: moids.get(item.id)!, item }));
  }
}

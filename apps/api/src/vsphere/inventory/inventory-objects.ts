import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { DatastoreQueries } from '@fsr/infrastructure';
import { notFound } from '../errors/vsphere-error';
import { VsphereIds } from '../ids/vsphere-ids';
import { FIXED } from './fixed-inventory';

const MiB = 1024 * 1024;

/** The single objects the spec lets a client GET. */
@Injectable()
export class InventoryObjects {
  constructor(
    private readonly ids: VsphereIds,
    private readonly datastores: DatastoreQueries,
  ) {}

  datacenter() {
    return {
      name: FIXED.datacenter.name,
      datastore_folder: FIXED.datastoreFolder.id,
      host_folder: FIXED.hostFolder.id,
      network_folder: FIXED.networkFolder.id,
      vm_folder: FIXED.vmFolder.id,
    };
  }

  async datastore(moid: string) {
    const id = await this.ids.ourIdOf('datastore', moid);
    const datastore = id ? (await this.datastores.list()).find((candidate) => candidate.id === id) : undefined;
    if (!datastore) throw notFound('Datastore', moid);
    return { name: datastore.name, type: 'VMFS', accessible: true, multiple_host_access: true, thin_provisioning_supported: false, free_space: datastore.freeMiB * MiB };
  }

  applianceInterfaces(request: Request) {
    const address = request.socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1';
    return [
      {
        name: 'nic0',
        status: 'up',
        mac: '00:50:56:00:00:01',
        ipv4: { configurable: false, mode: 'STATIC', address, prefix: 8, default_gateway: address },
        ipv6: { dhcp: false, autoconf: false, configurable: false, addresses: [], default_gateway: '' },
      },
    ];
  }
}

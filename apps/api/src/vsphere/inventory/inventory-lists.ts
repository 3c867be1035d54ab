import { Injectable } from '@nestjs/common';
import { Facets, FilterSpec, Filters, matches, parseFilters } from '../filters/list-filters';
import { FIXED, FOLDERS } from './fixed-inventory';
import { Inventory } from './inventory';

const ANY = undefined;
const DC = FIXED.datacenter.id;
const MiB = 1024 * 1024;

export const LIST_FILTERS = {
  datacenter: { datacenters: ANY, names: ANY, folders: ANY },
  cluster: { clusters: ANY, names: ANY, folders: ANY, datacenters: ANY },
  folder: { folders: ANY, names: ANY, type: ['DATACENTER', 'DATASTORE', 'HOST', 'NETWORK', 'VIRTUAL_MACHINE'], parent_folders: ANY, datacenters: ANY },
  resourcePool: { resource_pools: ANY, names: ANY, parent_resource_pools: ANY, datacenters: ANY, hosts: ANY, clusters: ANY },
  host: { hosts: ANY, names: ANY, folders: ANY, datacenters: ANY, standalone: ['true', 'false'], clusters: ANY, connection_states: ['CONNECTED', 'DISCONNECTED', 'NOT_RESPONDING'] },
  datastore: { datastores: ANY, names: ANY, types: ['VMFS', 'NFS', 'NFS41', 'CIFS', 'VSAN', 'VFFS', 'VVOL'], folders: ANY, datacenters: ANY },
  network: { networks: ANY, names: ANY, types: ['STANDARD_PORTGROUP', 'DISTRIBUTED_PORTGROUP', 'OPAQUE_NETWORK'], folders: ANY, datacenters: ANY },
} satisfies Record<string, FilterSpec>;

type Entry = { readonly summary: object; readonly facets: Facets };

const pick = (entries: readonly Entry[], filters: Filters) => entries.filter((entry) => matches(entry.facets, filters)).map((entry) => entry.summary);

/** The list endpoints of the inventory: the fixed tree and our hosts and datastores, each with every filter the spec names. */
@Injectable()
export class InventoryLists {
  constructor(private readonly inventory: Inventory) {}

  datacenters(query: Record<string, unknown>) {
    const { id, name } = FIXED.datacenter;
    return pick([{ summary: { datacenter: id, name }, facets: { datacenters: id, names: name, folders: FIXED.rootFolder.id } }], parseFilters(query, LIST_FILTERS.datacenter));
  }

  clusters(query: Record<string, unknown>) {
    const { id, name } = FIXED.cluster;
    const facets = { clusters: id, names: name, folders: FIXED.hostFolder.id, datacenters: DC };
    return pick([{ summary: { cluster: id, name, ha_enabled: false, drs_enabled: false }, facets }], parseFilters(query, LIST_FILTERS.cluster));
  }

  folders(query: Record<string, unknown>) {
    const entries = FOLDERS.map((folder) => ({
      summary: { folder: folder.id, name: folder.name, type: folder.type },
      facets: { folders: folder.id, names: folder.name, type: folder.type, parent_folders: folder.parent ?? undefined, datacenters: folder.datacenter ?? undefined },
    }));
    return pick(entries, parseFilters(query, LIST_FILTERS.folder));
  }

  async resourcePools(query: Record<string, unknown>) {
    const filters = parseFilters(query, LIST_FILTERS.resourcePool);
    const hosts = (await this.inventory.allHosts()).map((host) => host.moid);
    const { id, name } = FIXED.resourcePool;
    return pick([{ summary: { resource_pool: id, name }, facets: { resource_pools: id, names: name, datacenters: DC, hosts, clusters: FIXED.cluster.id } }], filters);
  }

  async hosts(query: Record<string, unknown>) {
    const filters = parseFilters(query, LIST_FILTERS.host);
    const entries = (await this.inventory.allHosts()).map(({ moid, item }) => {
      const connection_state = item.connectionState === 'connected' ? 'CONNECTED' : 'NOT_RESPONDING';
      return {
        summary: { host: moid, name: item.name, connection_state, ...(connection_state === 'CONNECTED' ? { power_state: 'POWERED_ON' } : {}) },
        facets: { hosts: moid, names: item.name, folders: FIXED.hostFolder.id, datacenters: DC, standalone: 'false', clusters: FIXED.cluster.id, connection_states: connection_state },
      };
    });
    return pick(entries, filters);
  }

  async datastores(query: Record<string, unknown>) {
    const filters = parseFilters(query, LIST_FILTERS.datastore);
    const entries = (await this.inventory.allDatastores()).map(({ moid, item }) => ({
      summary: { datastore: moid, name: item.name, type: 'VMFS', capacity: item.capacityGiB * 1024 * MiB, free_space: item.freeMiB * MiB },
      facets: { datastores: moid, names: item.name, types: 'VMFS', folders: FIXED.datastoreFolder.id, datacenters: DC },
    }));
    return pick(entries, filters);
  }

  networks(query: Record<string, unknown>) {
    const { id, name, type } = FIXED.network;
    const facets = { networks: id, names: name, types: type, folders: FIXED.networkFolder.id, datacenters: DC };
    return pick([{ summary: { network: id, name, type }, facets }], parseFilters(query, LIST_FILTERS.network));
  }
}

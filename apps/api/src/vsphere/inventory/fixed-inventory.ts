/**
 * The part of the inventory that does not come from our read models: one datacenter, its folders,
 * one cluster holding every host, its root resource pool and one network, as vCenter shows them.
 * Their numbers sit below the ones handed out to VMs, hosts and datastores (1001 up).
 */
export const FIXED = {
  rootFolder: { id: 'group-d1', name: 'Datacenters', type: 'DATACENTER' },
  datacenter: { id: 'datacenter-3', name: 'Datacenter' },
  vmFolder: { id: 'group-v4', name: 'vm', type: 'VIRTUAL_MACHINE' },
  hostFolder: { id: 'group-h5', name: 'host', type: 'HOST' },
  datastoreFolder: { id: 'group-s6', name: 'datastore', type: 'DATASTORE' },
  networkFolder: { id: 'group-n7', name: 'network', type: 'NETWORK' },
  cluster: { id: 'domain-c8', name: 'Cluster' },
  resourcePool: { id: 'resgroup-9', name: 'Resources' },
  network: { id: 'network-10', name: 'VM Network', type: 'STANDARD_PORTGROUP' },
} as const;

export type FolderType = 'DATACENTER' | 'VIRTUAL_MACHINE' | 'HOST' | 'DATASTORE' | 'NETWORK';

export interface FixedFolder {
  readonly id: string;
  readonly name: string;
  readonly type: FolderType;
  /** null: the root folder. */
  readonly parent: string | null;
  readonly datacenter: string | null;
}

export const FOLDERS: readonly FixedFolder[] = [
  { ...FIXED.rootFolder, parent: null, datacenter: null },
  { ...FIXED.vmFolder, parent: null, datacenter: FIXED.datacenter.id },
  { ...FIXED.hostFolder, parent: null, datacenter: FIXED.datacenter.id },
  { ...FIXED.datastoreFolder, parent: null, datacenter: FIXED.datacenter.id },
  { ...FIXED.networkFolder, parent: null, datacenter: FIXED.datacenter.id },
];

/** Stream ids and history subjects of the aggregates. */
export const streams = {
  host: (id: string) => `host-${id}`,
  datastore: (id: string) => `datastore-${id}`,
  vm: (id: string) => `vm-${id}`,
  operation: (id: string) => `operation-${id}`,
  // Not `vm-...`: that prefix names a VM's own stream (and its history subject).
  vmName: (name: string) => `vmname-${name}`,
} as const;

export const subjects = {
  host: (id: string) => `host:${id}`,
  datastore: (id: string) => `datastore:${id}`,
  vm: (id: string) => `vm:${id}`,
  operation: (id: string) => `operation:${id}`,
} as const;

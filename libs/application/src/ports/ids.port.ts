export const IDS = Symbol('IDS');

/** New identifiers of VMs, disks, NICs, operations and power changes; unique across replicas. */
export interface Ids {
  next(): string;
}

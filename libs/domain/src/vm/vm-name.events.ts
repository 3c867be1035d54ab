import { DomainEvent } from '../shared/event';

/** The name is the VM's until it is released: names are unique across the inventory, case-sensitive as in vCenter. */
export type VmNameReserved = DomainEvent<'vm-name.reserved', { name: string; vmId: string }>;
export type VmNameReleased = DomainEvent<'vm-name.released', { name: string; vmId: string }>;

export type VmNameEvent = VmNameReserved | VmNameReleased;

import { DomainError } from '../shared/domain-error';

export class RelocationSameDatastoreError extends DomainError {
  readonly code = 'VM_ALREADY_ON_DATASTORE';
  readonly kind = 'conflict';
  constructor(vmId: string, datastoreId: string) {
    super(`VM ${vmId} is already on datastore ${datastoreId}`, { vmId, datastoreId });
  }
}

export class RelocationNoDisksError extends DomainError {
  readonly code = 'VM_HAS_NO_DISKS';
  readonly kind = 'conflict';
  constructor(vmId: string) {
    super(`VM ${vmId} has no disks to relocate`, { vmId });
  }
}

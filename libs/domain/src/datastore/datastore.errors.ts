import { DomainError } from '../shared/domain-error';

export class DatastoreNotFoundError extends DomainError {
  readonly code = 'DATASTORE_NOT_FOUND';
  readonly kind = 'not-found';
  constructor(datastoreId?: string) {
    super(
      datastoreId ? `datastore ${datastoreId} does not exist` : 'the datastore does not exist',
      datastoreId ? { datastoreId } : undefined,
    );
  }
}

export class DatastoreAlreadyExistsError extends DomainError {
  readonly code = 'DATASTORE_ALREADY_EXISTS';
  readonly kind = 'conflict';
  constructor(datastoreId: string) {
    super(`datastore ${datastoreId} already exists`, { datastoreId });
  }
}

export class DatastoreInvalidCapacityError extends DomainError {
  readonly code = 'INVALID_CAPACITY';
  readonly kind = 'invalid';
  constructor(capacityGiB: number) {
    super(`a datastore needs a positive whole capacity in GiB, got ${capacityGiB}`, { capacityGiB });
  }
}

export class DatastoreCapacityExceededError extends DomainError {
  readonly code = 'DATASTORE_CAPACITY_EXCEEDED';
  readonly kind = 'conflict';
  constructor(datastoreId: string, requestedMiB: number, freeMiB: number) {
    super(`datastore ${datastoreId} has ${freeMiB} MiB free, ${requestedMiB} MiB more were requested`, {
      datastoreId,
      requestedMiB,
      freeMiB,
    });
  }
}

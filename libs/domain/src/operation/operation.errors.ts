import { DomainError } from '../shared/domain-error';

export class OperationNotFoundError extends DomainError {
  readonly code = 'OPERATION_NOT_FOUND';
  readonly kind = 'not-found';
  constructor(operationId?: string) {
    super(operationId ? `operation ${operationId} does not exist` : 'the operation does not exist', operationId ? { operationId } : undefined);
  }
}

export class OperationAlreadyExistsError extends DomainError {
  readonly code = 'OPERATION_ALREADY_EXISTS';
  readonly kind = 'conflict';
  constructor(operationId: string) {
    super(`operation ${operationId} already exists`, { operationId });
  }
}

export class OperationCancelledError extends DomainError {
  readonly code = 'OPERATION_CANCELLED';
  readonly kind = 'conflict';
  constructor(operationId: string) {
    super(`operation ${operationId} was cancelled`, { operationId });
  }
}

export class OperationAlreadyEndedError extends DomainError {
  readonly code = 'OPERATION_ALREADY_ENDED';
  readonly kind = 'conflict';
  constructor(operationId: string, status: string) {
    super(`operation ${operationId} already ended (${status})`, { operationId, status });
  }
}

export class OperationNotCancellableError extends DomainError {
  readonly code = 'OPERATION_NOT_CANCELLABLE';
  readonly kind = 'conflict';
  constructor(operationId: string) {
    super(`operation ${operationId} is past its switch-over start and can no longer be cancelled`, { operationId });
  }
}

export class OperationPhaseNotStartedError extends DomainError {
  readonly code = 'OPERATION_PHASE_NOT_STARTED';
  readonly kind = 'conflict';
  constructor(operationId: string, phase: string) {
    super(`phase ${phase} of operation ${operationId} was never started`, { operationId, phase });
  }
}

export class OperationSwitchoverNotStartedError extends DomainError {
  readonly code = 'OPERATION_SWITCHOVER_NOT_STARTED';
  readonly kind = 'conflict';
  constructor(operationId: string) {
    super(`operation ${operationId} has not started its switch-over`, { operationId });
  }
}

export class OperationSwitchoverInProgressError extends DomainError {
  readonly code = 'OPERATION_SWITCHOVER_IN_PROGRESS';
  readonly kind = 'conflict';
  constructor(operationId: string, epoch: number | null) {
    super(`operation ${operationId} is in the middle of its switch-over (epoch ${String(epoch)})`, { operationId, epoch });
  }
}

export class OperationSegmentsMismatchError extends DomainError {
  readonly code = 'SEGMENTS_MISMATCH';
  readonly kind = 'conflict';
  constructor(operationId: string, planned: readonly number[], reported: readonly number[]) {
    super(`operation ${operationId} planned segments [${planned.join(',')}] but got results for [${reported.join(',')}]`, {
      operationId,
      planned: [...planned],
      reported: [...reported],
    });
  }
}

export class OperationChecksumMismatchError extends DomainError {
  readonly code = 'CHECKSUM_MISMATCH';
  readonly kind = 'conflict';
  constructor(operationId: string, details: { mismatchedSegments: number[]; expectedTotal: string; reportedTotal: string }) {
    super(`the destination of operation ${operationId} does not match its source`, { operationId, ...details });
  }
}

/** Two runs of one operation raced: each epoch is used once, so the later one must take a higher one. */
export class OperationEpochUsedError extends DomainError {
  readonly code = 'OPERATION_EPOCH_USED';
  readonly kind = 'conflict';
  constructor(operationId: string, epoch: number, lastEpoch: number) {
    super(`operation ${operationId}: epoch ${epoch} is not above the last one sent (${lastEpoch})`, { operationId, epoch, lastEpoch });
  }
}

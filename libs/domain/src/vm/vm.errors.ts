import { DomainError } from '../shared/domain-error';

export type PowerState = 'poweredOn' | 'poweredOff';

export class VmNotFoundError extends DomainError {
  readonly code = 'VM_NOT_FOUND';
  readonly kind = 'not-found';
  constructor(vmId?: string) {
    super(vmId ? `VM ${vmId} does not exist` : 'the VM does not exist', vmId ? { vmId } : undefined);
  }
}

export class VmAlreadyExistsError extends DomainError {
  readonly code = 'VM_ALREADY_EXISTS';
  readonly kind = 'conflict';
  constructor(vmId: string) {
    super(`VM ${vmId} already exists`, { vmId });
  }
}

export class VmInvalidHardwareError extends DomainError {
  readonly code = 'INVALID_HARDWARE';
  readonly kind = 'invalid';
  constructor(violations: readonly string[]) {
    super(`invalid hardware: ${violations.join('; ')}`, { violations: [...violations] });
  }
}

export class VmInvalidPowerStateError extends DomainError {
  readonly code = 'VM_INVALID_POWER_STATE';
  readonly kind = 'conflict';
  constructor(vmId: string, powerState: PowerState, required: PowerState) {
    super(`VM ${vmId} is ${powerState}, the request needs it ${required}`, { vmId, powerState, required });
  }
}

export class VmBusyError extends DomainError {
  readonly code = 'VM_BUSY';
  readonly kind = 'conflict';
  constructor(vmId: string, operationId: string) {
    super(`VM ${vmId} is busy with operation ${operationId}`, { vmId, operationId });
  }
}

export class VmOperationNotActiveError extends DomainError {
  readonly code = 'VM_OPERATION_NOT_ACTIVE';
  readonly kind = 'conflict';
  constructor(vmId: string, operationId: string) {
    super(`operation ${operationId} is not running on VM ${vmId}`, { vmId, operationId });
  }
}

export class VmInvalidWorkloadError extends DomainError {
  readonly code = 'INVALID_WORKLOAD';
  readonly kind = 'invalid';
  constructor(details: Record<string, unknown>) {
    super('a workload needs finite, non-negative rates', details);
  }
}

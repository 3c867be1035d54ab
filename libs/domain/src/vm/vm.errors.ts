import { DomainError } from '../shared/domain-error';

/** Suspended: the guest's memory is saved and its host holds none of it; power-on resumes it. */
export type PowerState = 'poweredOn' | 'poweredOff' | 'suspended';

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

/** vCenter refuses two VMs of one name in a folder; the inventory has one VM folder. */
export class VmNameTakenError extends DomainError {
  readonly code = 'VM_NAME_TAKEN';
  readonly kind = 'conflict';
  constructor(name: string, vmId: string) {
    super(`the name ${JSON.stringify(name)} is taken by VM ${vmId}`, { name, vmId });
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
  constructor(vmId: string, powerState: PowerState, required: PowerState | readonly PowerState[]) {
    const needed = typeof required === 'string' ? required : required.join(' or ');
    super(`VM ${vmId} is ${powerState}, the request needs it ${needed}`, { vmId, powerState, required });
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

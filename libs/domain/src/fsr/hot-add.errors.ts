import { DomainError } from '../shared/domain-error';
import { MEMORY_HOT_ADD_INCREMENT_MIB, MEMORY_HOT_ADD_LIMIT_FACTOR } from '../shared/memory-units';

export class HotAddNothingRequestedError extends DomainError {
  readonly code = 'NOTHING_TO_CHANGE';
  readonly kind = 'invalid';
  constructor() {
    super('the request names no vCPUs, memory, hot-add setting or device to change');
  }
}

export class HotAddSettingRequiresPowerOffError extends DomainError {
  readonly code = 'HOT_ADD_SETTING_REQUIRES_POWER_OFF';
  readonly kind = 'conflict';
  constructor(setting: 'cpuHotAddEnabled' | 'memoryHotAddEnabled') {
    super(`${setting} can only change while the VM is powered off`, { setting });
  }
}

export class VcpuRemovalNotSupportedError extends DomainError {
  readonly code = 'VCPU_REMOVAL_NOT_SUPPORTED';
  readonly kind = 'conflict';
  constructor(currentVcpus: number, requestedVcpus: number) {
    super(`a powered-on VM cannot go from ${currentVcpus} to ${requestedVcpus} vCPUs`, { currentVcpus, requestedVcpus });
  }
}

export class CpuHotAddDisabledError extends DomainError {
  readonly code = 'HOT_ADD_DISABLED';
  readonly kind = 'conflict';
  constructor() {
    super('CPU hot add is disabled for this VM; power it off or enable it first', { resource: 'cpu' });
  }
}

export class MemoryRemovalNotSupportedError extends DomainError {
  readonly code = 'MEMORY_REMOVAL_NOT_SUPPORTED';
  readonly kind = 'conflict';
  constructor(currentMiB: number, requestedMiB: number) {
    super(`a powered-on VM cannot shrink from ${currentMiB} to ${requestedMiB} MiB`, { currentMiB, requestedMiB });
  }
}

export class MemoryHotAddDisabledError extends DomainError {
  readonly code = 'HOT_ADD_DISABLED';
  readonly kind = 'conflict';
  constructor() {
    super('memory hot add is disabled for this VM; power it off or enable it first', { resource: 'memory' });
  }
}

export class MemoryNotMultipleOfIncrementError extends DomainError {
  readonly code = 'MEMORY_NOT_MULTIPLE_OF_INCREMENT';
  readonly kind = 'invalid';
  constructor(addedMiB: number) {
    super(`hot-added memory must come in steps of ${MEMORY_HOT_ADD_INCREMENT_MIB} MiB, not ${addedMiB} MiB`, {
      addedMiB,
      incrementMiB: MEMORY_HOT_ADD_INCREMENT_MIB,
    });
  }
}

export class MemoryHotAddLimitExceededError extends DomainError {
  readonly code = 'MEMORY_HOT_ADD_LIMIT_EXCEEDED';
  readonly kind = 'conflict';
  constructor(requestedMiB: number, powerOnMemoryMiB: number) {
    const limitMiB = powerOnMemoryMiB * MEMORY_HOT_ADD_LIMIT_FACTOR;
    super(`hot add may grow the VM to ${limitMiB} MiB (${MEMORY_HOT_ADD_LIMIT_FACTOR}x its power-on memory), not ${requestedMiB} MiB`, {
      requestedMiB,
      powerOnMemoryMiB,
      limitMiB,
    });
  }
}

export class VcpusNotMultipleOfCoresPerSocketError extends DomainError {
  readonly code = 'VCPUS_NOT_MULTIPLE_OF_CORES_PER_SOCKET';
  readonly kind = 'invalid';
  constructor(vcpus: number, coresPerSocket: number) {
    super(`${vcpus} vCPUs is not a multiple of ${coresPerSocket} cores per socket`, { vcpus, coresPerSocket });
  }
}

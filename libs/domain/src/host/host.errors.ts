import { DomainError } from '../shared/domain-error';

export class HostNotFoundError extends DomainError {
  readonly code = 'HOST_NOT_FOUND';
  readonly kind = 'not-found';
  constructor(hostId?: string) {
    super(hostId ? `host ${hostId} does not exist` : 'the host does not exist', hostId ? { hostId } : undefined);
  }
}

export class HostDisconnectedError extends DomainError {
  readonly code = 'HOST_DISCONNECTED';
  readonly kind = 'conflict';
  constructor(hostId: string) {
    super(`host ${hostId} is disconnected`, { hostId });
  }
}

export class HostInMaintenanceError extends DomainError {
  readonly code = 'HOST_IN_MAINTENANCE';
  readonly kind = 'conflict';
  constructor(hostId: string) {
    super(`host ${hostId} is in maintenance mode`, { hostId });
  }
}

export class HostCapacityExceededError extends DomainError {
  readonly code = 'HOST_CAPACITY_EXCEEDED';
  readonly kind = 'conflict';
  constructor(hostId: string, requestedMiB: number, freeMiB: number) {
    super(`host ${hostId} has ${freeMiB} MiB free, ${requestedMiB} MiB more were requested`, {
      hostId,
      requestedMiB,
      freeMiB,
    });
  }
}

export class HostCpuExceededError extends DomainError {
  readonly code = 'HOST_CPU_EXCEEDED';
  readonly kind = 'conflict';
  constructor(hostId: string, requestedVcpus: number, cpuCores: number) {
    super(`host ${hostId} has ${cpuCores} cores, a VM cannot have ${requestedVcpus} vCPUs`, {
      hostId,
      requestedVcpus,
      cpuCores,
    });
  }
}

export class HostHasPoweredOnVmsError extends DomainError {
  readonly code = 'HOST_HAS_POWERED_ON_VMS';
  readonly kind = 'conflict';
  constructor(hostId: string, vmIds: readonly string[]) {
    super(`host ${hostId} still runs ${vmIds.length} VM(s)`, { hostId, vmIds: [...vmIds] });
  }
}

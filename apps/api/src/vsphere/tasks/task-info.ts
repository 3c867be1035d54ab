import type { OperationDto } from '@fsr/infrastructure';
import { failureOf, hasEnded } from '../operations/operation-outcome';

const STATUS: Record<OperationDto['state'], 'PENDING' | 'RUNNING' | 'SUCCEEDED' | 'FAILED'> = {
  queued: 'PENDING',
  running: 'RUNNING',
  succeeded: 'SUCCEEDED',
  failed: 'FAILED',
  cancelled: 'FAILED',
  'rolled-back': 'FAILED',
};

/** Our operations may be cancelled until their switch-over starts. */
const CANCELABLE_PHASES = new Set([null, 'disk-copy', 'prepare']);

/** The vSphere service and operation a client called to start it. */
export function serviceOf(operation: OperationDto): { service: string; operation: string } {
  if (operation.kind === 'relocate') return { service: 'com.vmware.vcenter.vm', operation: 'relocate' };
  const { source, target } = operation;
  if (target.disks.length > source.disks.length) return { service: 'com.vmware.vcenter.vm.hardware.disk', operation: 'create' };
  if (target.nics.length > source.nics.length) return { service: 'com.vmware.vcenter.vm.hardware.ethernet', operation: 'create' };
  if (target.vcpus !== source.vcpus) return { service: 'com.vmware.vcenter.vm.hardware.cpu', operation: 'update' };
  return { service: 'com.vmware.vcenter.vm.hardware.memory', operation: 'update' };
}

function progressOf(operation: OperationDto) {
  const { done, total, unit } = operation.progress;
  const completed = operation.state === 'succeeded' ? 100 : total > 0 ? Math.min(100, Math.floor((done / total) * 100)) : 0;
  const phase = operation.phase ?? (hasEnded(operation) ? operation.state : 'queued');
  return { total: 100, completed, message: { id: `fsr.phase.${phase}`, default_message: `${phase}: ${done} of ${total} ${unit}`, args: [phase] } };
}

/** Our operation as a CIS task. */
export function taskInfo(operation: OperationDto, vmMoid: string, user: string | undefined) {
  const status = STATUS[operation.state];
  const { service, operation: called } = serviceOf(operation);
  const kind = operation.kind === 'relocate' ? 'Storage vMotion' : 'Hot add (FSR switch-over)';
  const failure = failureOf(operation);
  return {
    description: { id: `fsr.operation.${operation.kind}`, default_message: `${kind} of ${vmMoid}, operation ${operation.id}`, args: [vmMoid, operation.id] },
    service,
    operation: called,
    status,
    cancelable: !hasEnded(operation) && CANCELABLE_PHASES.has(operation.phase),
    progress: progressOf(operation),
    target: { type: 'VirtualMachine', id: vmMoid },
    ...(status === 'PENDING' ? {} : { start_time: operation.createdAt }),
    ...(hasEnded(operation) ? { end_time: operation.updatedAt } : {}),
    ...(failure && status === 'FAILED' ? { error: failure.message } : {}),
    ...(user ? { user } : {}),
  };
}

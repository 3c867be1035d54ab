import { Decider } from '../shared/decider';
import { CompleteOperationPhase, OperationCommand } from './operation.commands';
import {
  OperationAlreadyEndedError,
  OperationAlreadyExistsError,
  OperationCancelledError,
  OperationEpochUsedError,
  OperationNotCancellableError,
  OperationPhaseNotStartedError,
  OperationSwitchoverInProgressError,
  OperationSwitchoverNotStartedError,
} from './operation.errors';
import { OperationEvent } from './operation.events';
import { evolveOperation, ExistingOperation, initialOperationState, isTerminal, OperationState, OperationStatus, requireOperation } from './operation-state';
import { recordSwitchover } from './operation-switchover';

function decide(command: OperationCommand, state: OperationState): OperationEvent[] {
  if (command.type === 'request') {
    const { type: _type, ...data } = command;
    if (state.exists) throw new OperationAlreadyExistsError(state.operationId);
    return [{ type: 'operation.requested', data }];
  }
  const operation = requireOperation(state);
  const { operationId } = operation;
  switch (command.type) {
    case 'start-phase':
      requireActive(operation);
      if (operation.phase === command.phase) return [];
      return [{ type: 'operation.phase-started', data: { operationId, phase: command.phase, startedAt: command.at } }];
    case 'send-prepare': {
      requireActive(operation);
      if (operation.status === 'switching-over') throw new OperationSwitchoverInProgressError(operationId, operation.epoch);
      if (command.epoch <= operation.lastEpoch) throw new OperationEpochUsedError(operationId, command.epoch, operation.lastEpoch);
      const opened = operation.phase === 'prepare' ? [] : [{ type: 'operation.phase-started' as const, data: { operationId, phase: 'prepare' as const, startedAt: command.at } }];
      return [...opened, { type: 'operation.prepare-sent', data: { operationId, epoch: command.epoch } }];
    }
    case 'complete-phase':
      requireActive(operation);
      return completePhase(command, operation);
    case 'start-switchover':
      requireActive(operation);
      if (command.epoch < operation.lastEpoch) throw new OperationEpochUsedError(operationId, command.epoch, operation.lastEpoch);
      if (operation.status === 'switching-over') {
        if (operation.epoch === command.epoch) return [];
        throw new OperationSwitchoverInProgressError(operationId, operation.epoch);
      }
      return [{ type: 'operation.switchover-started', data: { operationId, epoch: command.epoch } }];
    case 'record-switchover':
      requireActive(operation);
      if (operation.status !== 'switching-over') throw new OperationSwitchoverNotStartedError(operationId);
      return operation.switchover ? [] : recordSwitchover(command, operation);
    case 'record-disk-copy-progress': {
      requireActive(operation);
      const copiedBytes = Math.min(command.copiedBytes, operation.relocation?.totalBytes ?? 0);
      if (copiedBytes <= operation.copiedBytes || operation.disksCopied) return [];
      const totalBytes = operation.relocation?.totalBytes ?? 0;
      return [{ type: 'operation.disk-copy-progressed', data: { operationId, copiedBytes, totalBytes, bytesPerSecond: command.bytesPerSecond } }];
    }
    case 'record-disks-copied': {
      requireActive(operation);
      if (operation.disksCopied) return [];
      const { type: _type, ...copied } = command;
      return [{ type: 'operation.disks-copied', data: { operationId, ...copied } }];
    }
    case 'succeed':
      if (alreadyEndedAs(operation, 'succeeded')) return [];
      if (operation.status === 'switching-over' && !operation.switchover) {
        throw new OperationSwitchoverInProgressError(operationId, operation.epoch);
      }
      return [{ type: 'operation.succeeded', data: { operationId } }];
    case 'fail':
      if (alreadyEndedAs(operation, 'failed')) return [];
      return [{ type: 'operation.failed', data: { operationId, cause: command.cause } }];
    case 'roll-back':
      if (alreadyEndedAs(operation, 'rolled-back')) return [];
      return [{ type: 'operation.rolled-back', data: { operationId, cause: command.cause, stunMs: command.stunMs } }];
    case 'cancel':
      if (isTerminal(operation)) throw new OperationAlreadyEndedError(operationId, operation.status);
      if (operation.status === 'switching-over') throw new OperationNotCancellableError(operationId);
      return [{ type: 'operation.cancelled', data: { operationId, by: command.by } }];
    default: {
      const unknown: never = command;
      throw new Error(`unknown operation command ${JSON.stringify(unknown)}`);
    }
  }
}

function completePhase(command: CompleteOperationPhase, state: ExistingOperation): OperationEvent[] {
  const { operationId } = state;
  const { phase, at: endedAt } = command;
  const precise = command.durationMs === undefined ? {} : { durationMs: command.durationMs };
  const open = state.phases.findLast((record) => record.name === phase && record.endedAt === null);
  if (open) return [{ type: 'operation.phase-completed', data: { operationId, phase, startedAt: open.startedAt, endedAt, ...precise } }];
  if (command.startedAt !== undefined) {
    const startedAt = command.startedAt;
    return [
      { type: 'operation.phase-started', data: { operationId, phase, startedAt } },
      { type: 'operation.phase-completed', data: { operationId, phase, startedAt, endedAt, ...precise } },
    ];
  }
  if (state.phases.some((record) => record.name === phase)) return [];
  throw new OperationPhaseNotStartedError(operationId, phase);
}

function requireActive(state: ExistingOperation): void {
  if (state.status === 'cancelled') throw new OperationCancelledError(state.operationId);
  if (isTerminal(state)) throw new OperationAlreadyEndedError(state.operationId, state.status);
}

/** Ending twice the same way is a redelivered command; ending any other way after the end is a conflict. */
function alreadyEndedAs(state: ExistingOperation, status: OperationStatus): boolean {
  if (state.status === status) return true;
  requireActive(state);
  return false;
}

export const operationDecider: Decider<OperationState, OperationCommand, OperationEvent> = {
  initialState: initialOperationState,
  decide,
  evolve: evolveOperation,
};

import { Decider } from '../shared/decider';
import { CompleteOperationPhase, OperationCommand } from './operation.commands';
import {
  OperationAlreadyEndedError,
  OperationAlreadyExistsError,
  OperationCancelledError,
  OperationEpochUsedError,
  OperationNotCancellableError,
  OperationNotFoundError,
  OperationPhaseNotStartedError,
  OperationSwitchoverInProgressError,
  OperationSwitchoverNotStartedError,
} from './operation.errors';
import { OperationEvent } from './operation.events';
import { evolveOperation, ExistingOperation, initialOperationState, isTerminal, OperationState, OperationStatus } from './operation-state';
import { recordSwitchover } from './operation-switchover';

function decide(command: OperationCommand, state: OperationState): OperationEvent[] {
  if (command.type === 'request') {
    const { type: _type, ...data } = command;
    if (state.exists) throw new OperationAlreadyExistsError(state.operationId);
    return [{ type: 'operation.requested', data }];
  }
  if (!state.exists) throw new OperationNotFoundError();
  const { operationId } = state;
  switch (command.type) {
    case 'start-phase':
      requireActive(state);
      if (state.phase === command.phase) return [];
      return [{ type: 'operation.phase-started', data: { operationId, phase: command.phase, startedAt: command.at } }];
    case 'send-prepare': {
      requireActive(state);
      if (state.status === 'switching-over') throw new OperationSwitchoverInProgressError(operationId, state.epoch);
      if (command.epoch <= state.lastEpoch) throw new OperationEpochUsedError(operationId, command.epoch, state.lastEpoch);
      const opened = state.phase === 'prepare' ? [] : [{ type: 'operation.phase-started' as const, data: { operationId, phase: 'prepare' as const, startedAt: command.at } }];
      return [...opened, { type: 'operation.prepare-sent', data: { operationId, epoch: command.epoch } }];
    }
    case 'complete-phase':
      requireActive(state);
      return completePhase(command, state);
    case 'start-switchover':
      requireActive(state);
      if (command.epoch < state.lastEpoch) throw new OperationEpochUsedError(operationId, command.epoch, state.lastEpoch);
      if (state.status === 'switching-over') {
        if (state.epoch === command.epoch) return [];
        throw new OperationSwitchoverInProgressError(operationId, state.epoch);
      }
      return [{ type: 'operation.switchover-started', data: { operationId, epoch: command.epoch } }];
    case 'record-switchover':
      requireActive(state);
      if (state.status !== 'switching-over') throw new OperationSwitchoverNotStartedError(operationId);
      return state.switchedOver ? [] : recordSwitchover(command, state);
    case 'record-disk-copy-progress': {
      requireActive(state);
      const copiedBytes = Math.min(command.copiedBytes, state.relocation?.totalBytes ?? 0);
      if (copiedBytes <= state.copiedBytes || state.disksCopied) return [];
      const totalBytes = state.relocation?.totalBytes ?? 0;
      return [{ type: 'operation.disk-copy-progressed', data: { operationId, copiedBytes, totalBytes, bytesPerSecond: command.bytesPerSecond } }];
    }
    case 'record-disks-copied': {
      requireActive(state);
      if (state.disksCopied) return [];
      const { type: _type, ...copied } = command;
      return [{ type: 'operation.disks-copied', data: { operationId, ...copied } }];
    }
    case 'succeed':
      if (alreadyEndedAs(state, 'succeeded')) return [];
      if (state.status === 'switching-over' && !state.switchedOver) {
        throw new OperationSwitchoverInProgressError(operationId, state.epoch);
      }
      return [{ type: 'operation.succeeded', data: { operationId } }];
    case 'fail':
      if (alreadyEndedAs(state, 'failed')) return [];
      return [{ type: 'operation.failed', data: { operationId, cause: command.cause } }];
    case 'roll-back':
      if (alreadyEndedAs(state, 'rolled-back')) return [];
      return [{ type: 'operation.rolled-back', data: { operationId, cause: command.cause, stunMs: command.stunMs } }];
    case 'cancel':
      if (isTerminal(state)) throw new OperationAlreadyEndedError(operationId, state.status);
      if (state.status === 'switching-over') throw new OperationNotCancellableError(operationId);
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

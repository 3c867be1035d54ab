import { fold } from '../shared/decider';
import { deciderSpecification } from '../../../testing/src/decider-specification';
import { operationDecider } from './operation';
import { OperationCommand } from './operation.commands';
import {
  OperationAlreadyEndedError,
  OperationAlreadyExistsError,
  OperationCancelledError,
  OperationNotCancellableError,
  OperationNotFoundError,
  OperationPhaseNotStartedError,
  OperationSwitchoverInProgressError,
} from './operation.errors';
import { isTerminal } from './operation-state';
import { cancelled, cause, failed, operationId, phaseStarted, request, requested, rolledBack, succeeded, switchedOver, switchoverStarted, switchoverReport, operationAfter } from './operation.fixtures';

const spec = deciderSpecification(operationDecider);
const at = '2025-01-01T00:00:01.000Z';
const later = '2025-01-01T00:00:02.000Z';
const running = [requested, phaseStarted('prepare', at)];
const switching = [...running, switchoverStarted(1)];

describe('operation decider', () => {
  it('knows nothing of an operation never requested: its state holds no operation, whatever else its stream holds', () => {
    expect(operationDecider.initialState).toEqual({ exists: false });
    expect(fold(operationDecider, [switchoverStarted()])).toEqual({ exists: false });
  });

  it('requests an operation, once', () => {
    spec.given([]).when(request).then([requested]);
    expect(operationAfter([requested])).toMatchObject({ exists: true, status: 'queued', phase: null });
    spec.given([requested]).when(request).thenThrows(OperationAlreadyExistsError);
  });

  it.each<OperationCommand>([
    { type: 'start-phase', phase: 'prepare', at },
    { type: 'complete-phase', phase: 'prepare', at },
    { type: 'start-switchover', epoch: 1 },
    switchoverReport(),
    { type: 'succeed' },
    { type: 'fail', cause },
    { type: 'roll-back', cause, stunMs: null },
    { type: 'cancel', by: 'alice' },
  ])('rejects $type on an unknown operation', (command) => {
    const error = spec.given([]).when(command).thenThrows(OperationNotFoundError);
    expect(error).toMatchObject({ code: 'OPERATION_NOT_FOUND', kind: 'not-found' });
  });

  describe('phases', () => {
    it('starts a phase and moves from queued to running', () => {
      spec.given([requested]).when({ type: 'start-phase', phase: 'prepare', at }).then([phaseStarted('prepare', at)]);
      expect(operationAfter(running)).toMatchObject({ status: 'running', phase: 'prepare' });
    });
    it('does not start the current phase twice', () => {
      spec.given(running).when({ type: 'start-phase', phase: 'prepare', at: later }).then([]);
    });
    it('completes the open phase with its start time', () => {
      spec.given(running)
        .when({ type: 'complete-phase', phase: 'prepare', at: later })
        .then([{ type: 'operation.phase-completed', data: { operationId, phase: 'prepare', startedAt: at, endedAt: later } }]);
    });
    it('records a phase timed elsewhere', () => {
      const data = { operationId, phase: 'suspend' as const, startedAt: at };
      spec.given(switching)
        .when({ type: 'complete-phase', phase: 'suspend', at: later, startedAt: at })
        .then([{ type: 'operation.phase-started', data }, { type: 'operation.phase-completed', data: { ...data, endedAt: later } }]);
    });
    it('ignores completing a completed phase again', () => {
      const completed = { type: 'operation.phase-completed', data: { operationId, phase: 'prepare', startedAt: at, endedAt: later } } as const;
      spec.given([...running, completed]).when({ type: 'complete-phase', phase: 'prepare', at: later }).then([]);
      const state = operationAfter([...running, completed]);
      expect(state.phase).toBeNull();
      expect(state.phases).toEqual([{ name: 'prepare', startedAt: at, endedAt: later }]);
    });
    it('rejects completing a phase that never started', () => {
      spec.given(running).when({ type: 'complete-phase', phase: 'resume', at }).thenThrows(OperationPhaseNotStartedError);
    });
    it('rejects phases of a cancelled or ended operation', () => {
      spec.given([requested, cancelled]).when({ type: 'start-phase', phase: 'prepare', at }).thenThrows(OperationCancelledError);
      spec.given([...running, failed]).when({ type: 'start-phase', phase: 'cleanup', at }).thenThrows(OperationAlreadyEndedError);
      spec.given([...running, failed]).when({ type: 'complete-phase', phase: 'prepare', at }).thenThrows(OperationAlreadyEndedError);
      spec.given([requested, cancelled]).when({ type: 'complete-phase', phase: 'prepare', at }).thenThrows(OperationCancelledError);
    });
  });

  describe('start-switchover', () => {
    it('starts from queued or running', () => {
      spec.given([requested]).when({ type: 'start-switchover', epoch: 1 }).then([switchoverStarted(1)]);
      spec.given(running).when({ type: 'start-switchover', epoch: 1 }).then([switchoverStarted(1)]);
      expect(operationAfter(switching)).toMatchObject({ status: 'switching-over', epoch: 1 });
    });
    it('is idempotent for the same epoch and rejects another one', () => {
      spec.given(switching).when({ type: 'start-switchover', epoch: 1 }).then([]);
      spec.given(switching).when({ type: 'start-switchover', epoch: 2 }).thenThrows(OperationSwitchoverInProgressError);
    });
    it('rejects a cancelled operation', () => {
      const error = spec.given([requested, cancelled]).when({ type: 'start-switchover', epoch: 1 }).thenThrows(OperationCancelledError);
      expect(error).toMatchObject({ code: 'OPERATION_CANCELLED', kind: 'conflict' });
    });
    it('rejects an ended operation', () => {
      const error = spec.given([...running, failed]).when({ type: 'start-switchover', epoch: 1 }).thenThrows(OperationAlreadyEndedError);
      expect(error).toMatchObject({ code: 'OPERATION_ALREADY_ENDED', kind: 'conflict' });
    });
  });

  describe('ends', () => {
    it('succeeds after the switch-over, or without one (cold relocation)', () => {
      spec.given([...switching, switchedOver()]).when({ type: 'succeed' }).then([succeeded]);
      spec.given(running).when({ type: 'succeed' }).then([succeeded]);
    });
    it('rejects success in the middle of the switch-over', () => {
      spec.given(switching).when({ type: 'succeed' }).thenThrows(OperationSwitchoverInProgressError);
    });
    it('fails and rolls back', () => {
      spec.given(switching).when({ type: 'fail', cause }).then([failed]);
      spec.given(switching).when({ type: 'roll-back', cause, stunMs: 20 }).then([rolledBack]);
      expect(operationAfter([...switching, rolledBack])).toMatchObject({ status: 'rolled-back', cause, stunMs: 20 });
    });
    it('holds the facts of its ending and of no other: an unfinished one has none', () => {
      expect(operationAfter(running)).not.toHaveProperty('cause');
      expect(operationAfter(running)).toMatchObject({ switchover: null });
      const ended = operationAfter([...running, failed]);
      expect(ended).toMatchObject({ status: 'failed', cause });
      expect(ended).not.toHaveProperty('cancelledBy');
      expect(ended).not.toHaveProperty('stunMs');
      expect(operationAfter([...running, cancelled])).not.toHaveProperty('cause');
    });
    it('ignores the same end twice', () => {
      spec.given([...running, succeeded]).when({ type: 'succeed' }).then([]);
      spec.given([...running, failed]).when({ type: 'fail', cause }).then([]);
      spec.given([...switching, rolledBack]).when({ type: 'roll-back', cause, stunMs: 20 }).then([]);
    });
    it('rejects another end after the end', () => {
      spec.given([...running, succeeded]).when({ type: 'fail', cause }).thenThrows(OperationAlreadyEndedError);
      spec.given([...running, failed]).when({ type: 'succeed' }).thenThrows(OperationAlreadyEndedError);
      spec.given([...running, succeeded]).when({ type: 'roll-back', cause, stunMs: null }).thenThrows(OperationAlreadyEndedError);
      spec.given([requested, cancelled]).when({ type: 'succeed' }).thenThrows(OperationCancelledError);
      spec.given([requested, cancelled]).when({ type: 'fail', cause }).thenThrows(OperationCancelledError);
      spec.given([requested, cancelled]).when({ type: 'roll-back', cause, stunMs: null }).thenThrows(OperationCancelledError);
    });
    it('knows the terminal states', () => {
      expect(isTerminal(operationAfter(running))).toBe(false);
      expect(isTerminal(operationAfter(switching))).toBe(false);
      for (const end of [succeeded, failed, rolledBack, cancelled]) expect(isTerminal(operationAfter([...running, end]))).toBe(true);
    });
  });

  describe('cancel', () => {
    it('cancels before the switch-over', () => {
      spec.given([requested]).when({ type: 'cancel', by: 'alice' }).then([cancelled]);
      spec.given(running).when({ type: 'cancel', by: 'alice' }).then([cancelled]);
    });
    it('rejects a cancel once the switch-over started', () => {
      const error = spec.given(switching).when({ type: 'cancel', by: 'alice' }).thenThrows(OperationNotCancellableError);
      expect(error).toMatchObject({ code: 'OPERATION_NOT_CANCELLABLE', kind: 'conflict' });
    });
    it('rejects a cancel after the end', () => {
      spec.given([...running, succeeded]).when({ type: 'cancel', by: 'alice' }).thenThrows(OperationAlreadyEndedError);
      spec.given([requested, cancelled]).when({ type: 'cancel', by: 'alice' }).thenThrows(OperationAlreadyEndedError);
    });
  });
});

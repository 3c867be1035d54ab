import { fold } from '../shared/decider';
import { operationDecider } from './operation';
import { OperationEvent } from './operation.events';
import { cancelled, failed, operationId, phaseStarted, request, requested, succeeded, switchedOver, switchoverStarted } from './operation.fixtures';
import { AGENT_LOST_SWITCHOVER, nextSwitchoverStep, RunKnowledge, SwitchoverStep } from './switchover-process';

const at = '2025-01-01T00:00:00.000Z';
const prepareSent = (epoch: number): OperationEvent => ({ type: 'operation.prepare-sent', data: { operationId, epoch } });
const prepareCompleted: OperationEvent = { type: 'operation.phase-completed', data: { operationId, phase: 'prepare', startedAt: at, endedAt: at } };
const relocation = { sourceDatastoreId: 'ds-1', targetDatastoreId: 'ds-2', totalBytes: 1024, maxCopyMiBps: null, cold: false };
const { type: _type, ...requestData } = request;
const relocationRequested: OperationEvent = { type: 'operation.requested', data: { ...requestData, kind: 'relocate', relocation } };
const coldRelocationRequested: OperationEvent = { type: 'operation.requested', data: { ...requestData, kind: 'relocate', relocation: { ...relocation, cold: true } } };
const disksCopied: OperationEvent = { type: 'operation.disks-copied', data: { operationId, bytes: 1024, durationMs: 5, bytesPerSecond: 204_800, mirroredWrites: 3 } };

/** Given the operation's events and what the run knows, then the next step. */
const given = (events: OperationEvent[], known: RunKnowledge = {}) => ({
  then: (step: SwitchoverStep) => expect(nextSwitchoverStep(fold(operationDecider, events), known)).toEqual(step),
});

describe('the switch-over process', () => {
  describe('a run that started the operation itself', () => {
    it('prepares a requested hot add under epoch 1', () => given([requested]).then({ type: 'prepare', epoch: 1 }));
    it('copies a relocation\'s disks before anything else', () => given([relocationRequested]).then({ type: 'copy-disks' }));
    it('prepares a relocation once its disks are copied', () => given([relocationRequested, disksCopied]).then({ type: 'prepare', epoch: 1 }));
    it('finishes a cold relocation once its disks are copied, with no switch-over', () =>
      given([coldRelocationRequested, disksCopied]).then({ type: 'finish-cold' }));
    it('starts the switch-over under the epoch it prepared', () =>
      given([requested, phaseStarted('prepare', at), prepareSent(1), prepareCompleted], { prepared: 1 }).then({ type: 'start-switchover', epoch: 1 }));
    it('hands the stun to the agent once it recorded the point of no cancel itself', () =>
      given([requested, prepareSent(1), switchoverStarted(1)], { handedOver: 1 }).then({ type: 'execute', epoch: 1 }));
    it('finishes an operation whose switch-over is recorded', () =>
      given([requested, prepareSent(1), switchoverStarted(1), switchedOver()]).then({ type: 'finish' }));
    it('does nothing more once the operation ended, however it ended', () => {
      for (const ending of [succeeded, failed, cancelled]) given([requested, prepareSent(1), ending]).then({ type: 'done' });
    });
  });

  describe('a run that took the operation over (a restart, another replica)', () => {
    const preparing = [requested, phaseStarted('prepare', at), prepareSent(1)];

    it('asks the agent before anything when a prepare was sent', () => given(preparing).then({ type: 'ask-agent' }));
    it('waits while the agent is still preparing', () => given(preparing, { agent: { state: 'busy' } }).then({ type: 'wait-for-agent' }));
    it('continues with the destination the agent prepared, under the agent\'s epoch', () =>
      given(preparing, { agent: { state: 'prepared', epoch: 1 } }).then({ type: 'start-switchover', epoch: 1 }));
    it('prepares again under a higher epoch when the agent holds nothing (a lost job, a discard)', () =>
      given(preparing, { agent: { state: 'nothing' } }).then({ type: 'prepare', epoch: 2 }));
    it('never reuses an epoch a prepare was sent under', () =>
      given([...preparing, prepareSent(4)], { agent: { state: 'nothing' } }).then({ type: 'prepare', epoch: 5 }));
    it('asks the agent before anything when the stun had been handed over: it may have run it already', () =>
      given([requested, prepareSent(1), switchoverStarted(1)]).then({ type: 'ask-agent' }));
    it('sends the stun again to an agent that still holds the destination: it answers it once, as the same job', () =>
      given([requested, prepareSent(1), switchoverStarted(1)], { agent: { state: 'prepared', epoch: 1 } }).then({ type: 'execute', epoch: 1 }));
    it('waits for a stun under way', () => given([requested, prepareSent(1), switchoverStarted(1)], { agent: { state: 'busy' } }).then({ type: 'wait-for-agent' }));
    it('fails a handed-over stun the agent holds no trace of: it restarted and the VM\'s memory went with it', () => {
      const step = nextSwitchoverStep(fold(operationDecider, [requested, prepareSent(1), switchoverStarted(1)]), { agent: { state: 'nothing' } });
      expect(step).toMatchObject({ type: 'fail', code: AGENT_LOST_SWITCHOVER });
    });
    it('continues a relocation\'s copy, which the agent continues where it holds it', () =>
      given([relocationRequested, phaseStarted('disk-copy', at)]).then({ type: 'copy-disks' }));
  });
});

describe('the operation decider, for the process', () => {
  const decide = (events: OperationEvent[], epoch: number) =>
    operationDecider.decide({ type: 'send-prepare', epoch, at }, fold(operationDecider, events));

  it('opens the prepare phase with the first epoch, and only records the epoch of a later one', () => {
    expect(decide([requested], 1).map((event) => event.type)).toEqual(['operation.phase-started', 'operation.prepare-sent']);
    expect(decide([requested, phaseStarted('prepare', at), prepareSent(1)], 2)).toEqual([prepareSent(2)]);
  });

  it('refuses an epoch already used, so two runs cannot both prepare under one', () => {
    expect(() => decide([requested, prepareSent(1)], 1)).toThrow(expect.objectContaining({ code: 'OPERATION_EPOCH_USED' }));
  });

  it('refuses to hand over the stun under an epoch below the last one sent (a run that lost its lease)', () => {
    const state = fold(operationDecider, [requested, prepareSent(1), prepareSent(2)]);
    expect(() => operationDecider.decide({ type: 'start-switchover', epoch: 1 }, state)).toThrow(expect.objectContaining({ code: 'OPERATION_EPOCH_USED' }));
  });

  it('keeps the precise duration of a phase the host agent timed', () => {
    const events = operationDecider.decide(
      { type: 'complete-phase', phase: 'pframe-transfer', startedAt: at, at: '2025-01-01T00:00:00.003Z', durationMs: 2.718 },
      fold(operationDecider, [requested, prepareSent(1), switchoverStarted(1)]),
    );
    expect(events.at(-1)).toMatchObject({ type: 'operation.phase-completed', data: { phase: 'pframe-transfer', durationMs: 2.718 } });
  });

  it('refuses a prepare once the stun was handed over', () => {
    expect(() => decide([requested, prepareSent(1), switchoverStarted(1)], 2)).toThrow(expect.objectContaining({ code: 'OPERATION_SWITCHOVER_IN_PROGRESS' }));
  });
});

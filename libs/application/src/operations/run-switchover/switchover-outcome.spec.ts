import { EventBus } from '@nestjs/cqrs';
import { SwitchoverResult } from '@fsr/contracts';
import { goodTotal, operationId, requested, segmentResult, suspendedAt, switchedOver, switchoverStarted } from '../../../../domain/src/operation/operation.fixtures';
import { hardware, vmCreated, vmOperationStarted, vmPoweredOn } from '../../../../domain/src/vm/vm.fixtures';
import { InMemoryEventStore } from '../../../../infrastructure/src/event-store/in-memory-event-store';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { OperationFinisher } from '../operation-finisher';
import { SwitchoverJournal } from './switchover-journal';
import { SwitchoverOutcome } from './switchover-outcome';
import { wallClock } from './switchover-runner.fixture';

const context = { correlationId: 'c-1', causationId: null, actor: 'system:recovery' };
const phase = (name: 'suspend' | 'resume' | 'cleanup', at: number) => ({ phase: name, startedAt: at, endedAt: at + 1 });
const result: SwitchoverResult = {
  outcome: 'switched-over',
  suspendedAt,
  resumedAt: suspendedAt + 12.5,
  phases: [phase('suspend', suspendedAt), phase('resume', suspendedAt + 11), phase('cleanup', suspendedAt + 13)],
  segments: [segmentResult(0), segmentResult(1)],
  checksum: goodTotal,
};

/** Issue 19: a kill between operation.switched-over and operation.succeeded made recovery record the stun's phases twice. */
describe('SwitchoverOutcome', () => {
  it('finishes an operation whose switch-over the log already holds without recording its phases again', async () => {
    const events = new InMemoryEventStore();
    await events.append([{ streamId: 'vm-vm-1', expectedVersion: -1, events: [vmCreated(), vmPoweredOn(), vmOperationStarted()] }], context);
    await events.append([{ streamId: `operation-${operationId}`, expectedVersion: -1, events: [requested, switchoverStarted(), switchedOver()] }], context);
    const store = new AggregateStore(events, { publishAll: () => undefined } as unknown as EventBus);
    const aggregates = new Aggregates(store);
    const outcome = new SwitchoverOutcome(aggregates, new SwitchoverJournal(aggregates, store, wallClock), new OperationFinisher(aggregates, store));

    await outcome.record(operationId, result, context);

    const types = (await events.readStream(`operation-${operationId}`)).map((event) => event.type);
    expect(types).toEqual(['operation.requested', 'operation.switchover-started', 'operation.switched-over', 'operation.succeeded']);
    expect((await aggregates.vm('vm-1')).state).toMatchObject({ activeOperation: null, hardware: { ...hardware, vcpus: 4 } });
  });
});

import { DiskCopyStatus, HostAgentBadAnswerError, HostAgentJobLostError, HostAgentUnavailableError, TIMEOUTS } from '@fsr/contracts';
import { DatastoreEvent, OperationEvent } from '@fsr/domain';
import { operationId, request } from '../../../../domain/src/operation/operation.fixtures';
import { hardware } from '../../../../domain/src/vm/vm.fixtures';
import { InMemoryEventStore } from '../../../../infrastructure/src/event-store/in-memory-event-store';
import { EventBus } from '@nestjs/cqrs';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { DiskFiles } from '../../vms/disk-files';
import { RunStopped } from '../run-switchover/run-stop';
import { wallClock } from '../run-switchover/switchover-runner.fixture';
import { SwitchoverJournal } from '../run-switchover/switchover-journal';
import { COPY_STATUS_POLL_MS, RelocationSteps } from './relocation-steps';

const context = { correlationId: 'c-1', causationId: null, actor: 'system:recovery' };
const target = { ...hardware, disks: hardware.disks.map((disk) => ({ ...disk, datastoreId: 'ds-2' })) };
const { type: _type, ...data } = request;
const relocationRequested: OperationEvent = {
  type: 'operation.requested',
  data: { ...data, kind: 'relocate', target, relocation: { sourceDatastoreId: 'ds-1', targetDatastoreId: 'ds-2', totalBytes: 64 * 2 ** 20, maxCopyMiBps: null, cold: false } },
};
const copying = (copiedBytes: number): DiskCopyStatus => ({ state: 'copying', copiedBytes, totalBytes: 64 * 2 ** 20, bytesPerSecond: 1 });
const copied: DiskCopyStatus = {
  state: 'copied',
  result: { bytes: 64 * 2 ** 20, durationMs: 3000, bytesPerSecond: 22_369_621, mirroredWrites: 4, disks: [{ diskId: 'disk-1', blake3: 'ab'.repeat(32) }] },
};

/** The copy driven as the switch-over process drives it, against an agent answering each ask from a script. */
describe('RelocationSteps.copyDisks', () => {
  let events: InMemoryEventStore;
  let aggregates: Aggregates;
  let asked: number;
  let discarded: string[];
  /** Real time, plus what a test adds to it. */
  let skippedMs: number;
  const clock = { now: () => new Date(Date.now() + skippedMs) };

  const stepsAnswering = (answers: (DiskCopyStatus | Error)[], onAsk: () => Promise<void> = async () => undefined) => {
    const gateway = {
      copyDisks: async () => {
        await onAsk();
        const answer = answers[Math.min(asked++, answers.length - 1)];
        if (answer instanceof Error) throw answer;
        return answer;
      },
      discardSwitchover: async (_host: string, id: string) => void discarded.push(id),
    } as unknown as HostAgentGateway;
    const store = new AggregateStore(events, { publishAll: () => undefined } as unknown as EventBus);
    return new RelocationSteps(aggregates, new SwitchoverJournal(aggregates, store, wallClock), new DiskFiles(aggregates), gateway, clock);
  };
  const recorded = async (type: string) => (await events.readStream(`operation-${operationId}`)).filter((event) => event.type === type);

  beforeEach(async () => {
    asked = 0;
    skippedMs = 0;
    discarded = [];
    events = new InMemoryEventStore();
    aggregates = new Aggregates(new AggregateStore(events, { publishAll: () => undefined } as unknown as EventBus));
    await events.append([{ streamId: `operation-${operationId}`, expectedVersion: -1, events: [relocationRequested] }], context);
    for (const datastoreId of ['ds-1', 'ds-2']) {
      const created: OperationEvent | DatastoreEvent = { type: 'datastore.created', data: { datastoreId, name: datastoreId, capacityGiB: 10, path: `/datastores/${datastoreId}` } };
      await events.append([{ streamId: `datastore-${datastoreId}`, expectedVersion: -1, events: [created] }], context);
    }
  });

  const drive = async (steps: RelocationSteps, stop = new AbortController().signal) => steps.copyDisks((await aggregates.existingOperation(operationId)).state, context, stop);

  it('asks until the agent answers copied, once a second, then records the copy', async () => {
    const startedAt = Date.now();
    await drive(stepsAnswering([copying(0), copying(2 ** 20), copied]));
    expect(asked).toBe(3);
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2 * COPY_STATUS_POLL_MS - 50);
    expect(await recorded('operation.disks-copied')).toEqual([expect.objectContaining({ data: expect.objectContaining({ mirroredWrites: 4 }) })]);
  });

  it('asks again after an ask that got no answer or whose job vanished: the copy goes on on the agent', async () => {
    const lost = new HostAgentJobLostError('host-1', 'storage.copy-disks');
    await drive(stepsAnswering([new HostAgentUnavailableError('host-1', 'Redis did not take the job'), lost, copied]));
    expect(asked).toBe(3);
    expect(await recorded('operation.disks-copied')).toHaveLength(1);
  });

  it('gives up on an answer that does not read as a copy status', async () => {
    const bad = new HostAgentBadAnswerError('host-1', 'storage.copy-disks', 'state: invalid');
    const steps = stepsAnswering([bad]);
    await expect(drive(steps)).rejects.toBe(bad);
    expect(await recorded('operation.disks-copied')).toEqual([]);
  });

  it('discards the copy of an operation ended meanwhile by someone else, and records nothing', async () => {
    const endedElsewhere = async () => {
      if (asked > 0) return;
      const failed: OperationEvent = { type: 'operation.failed', data: { operationId, cause: { code: 'HOST_DISCONNECTED', message: 'host lost' } } };
      await events.append([{ streamId: `operation-${operationId}`, expectedVersion: 1, events: [failed] }], context);
    };
    await drive(stepsAnswering([copying(0)], endedElsewhere));
    expect(discarded).toEqual([operationId]);
    expect(asked).toBe(1);
    expect(await recorded('operation.disks-copied')).toEqual([]);
  });

  it('stops where it is when the replica shuts down', async () => {
    const stop = new AbortController();
    const steps = stepsAnswering([copying(0)]);
    const { state } = await aggregates.existingOperation(operationId);
    const done = steps.copyDisks(state, context, stop.signal);
    const ended = expect(done).rejects.toBeInstanceOf(RunStopped);
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop.abort();
    await ended;
    expect(asked).toBe(1);
  });

  it('gives the copy up as stalled when its bytes have not moved for the stall limit, answered or not', async () => {
    const steps = stepsAnswering([copying(2 ** 20), copying(2 ** 20), new HostAgentUnavailableError('host-1', 'no answer')], async () => {
      if (asked > 0) skippedMs += TIMEOUTS.diskCopyStallMs / 2;
    });
    await expect(drive(steps)).rejects.toMatchObject({ code: 'DISK_COPY_STALLED', message: expect.stringMatching(/has not moved past 1048576 bytes/) });
    expect(asked).toBe(3);
    expect(await recorded('operation.disks-copied')).toEqual([]);
  });

  it('never gives up a slow copy whose bytes still move', async () => {
    const steps = stepsAnswering([copying(1), copying(2), copying(3), copied], async () => {
      skippedMs += TIMEOUTS.diskCopyStallMs - 1;
    });
    await drive(steps);
    expect(await recorded('operation.disks-copied')).toHaveLength(1);
  });
});

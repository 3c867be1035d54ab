import fc from 'fast-check';
import { OperationEvent } from '@fsr/domain';
import { evolveOperationView } from './operation-view.projection';
import { operationRequested, segmentCompleted } from './operation-view.fixture';
import { recorded } from './recorded-event.fixture';
import { OperationViewRow } from './view-rows';

const history = (events: OperationEvent[]): OperationViewRow[] => {
  const rows: OperationViewRow[] = [];
  events.reduce<OperationViewRow | null>((row, event, version) => {
    const next = evolveOperationView(row, recorded(event, version));
    if (next) rows.push(next);
    return next;
  }, null);
  return rows;
};
const last = (events: OperationEvent[]) => history(events).at(-1)!;

const phase = (name: 'prepare' | 'pframe-transfer', started: string, ended?: string): OperationEvent =>
  ended
    ? { type: 'operation.phase-completed', data: { operationId: 'op1', phase: name, startedAt: started, endedAt: ended } }
    : { type: 'operation.phase-started', data: { operationId: 'op1', phase: name, startedAt: started } };

describe('operation view projection', () => {
  it('queues a requested operation with pending segments and no progress', () => {
    expect(last([operationRequested])).toMatchObject({
      state: 'queued',
      phase: null,
      progress: { done: 0, total: 4000, unit: 'pframes' },
      segments: [0, 1, 2, 3].map((index) => ({ index, state: 'pending', startedAt: null, endedAt: null, checksum: null })),
      predictedStunMs: 12.5,
      slaMs: 1000,
      version: 0,
    });
  });

  it('runs once a phase starts and records each phase, the current one as phase', () => {
    const row = last([
      operationRequested,
      phase('prepare', '2026-01-01T00:00:01.000Z'),
      phase('prepare', '2026-01-01T00:00:01.000Z', '2026-01-01T00:00:02.000Z'),
      phase('pframe-transfer', '2026-01-01T00:00:02.000Z'),
    ]);
    expect(row).toMatchObject({ state: 'running', phase: 'pframe-transfer' });
    expect(last([operationRequested, phase('prepare', 'x'), phase('prepare', 'x', 'y')]).phase).toBeNull();
    expect(row.phases).toEqual([
      { name: 'prepare', startedAt: '2026-01-01T00:00:01.000Z', endedAt: '2026-01-01T00:00:02.000Z' },
      { name: 'pframe-transfer', startedAt: '2026-01-01T00:00:02.000Z', endedAt: null },
    ]);
  });

  it('counts done segments and records the switch-over', () => {
    const row = last([
      operationRequested,
      { type: 'operation.switchover-started', data: { operationId: 'op1', epoch: 1 } },
      segmentCompleted(2),
      segmentCompleted(0),
      {
        type: 'operation.switched-over',
        data: { operationId: 'op1', suspendedAt: 'a', resumedAt: 'b', stunMs: 8, transferMs: 5, checksum: 'total', slaBreached: false },
      },
      { type: 'operation.succeeded', data: { operationId: 'op1' } },
    ]);
    expect(row.segments[2]).toEqual({
      index: 2,
      partition: 2,
      ppnStart: 2000,
      ppnCount: 1000,
      state: 'done',
      startedAt: '2026-01-01T00:00:00.000Z',
      endedAt: '2026-01-01T00:00:00.005Z',
      checksum: 'c2',
    });
    expect(row).toMatchObject({ state: 'succeeded', phase: null, stunMs: 8, checksum: 'total', slaBreached: false, progress: { done: 4000 } });
  });

  it('ends rolled back, failed or cancelled with the cause', () => {
    const cause = { code: 'CHECKSUM_MISMATCH', message: 'segment 1 differs' };
    expect(last([operationRequested, { type: 'operation.rolled-back', data: { operationId: 'op1', cause, stunMs: 30 } }])).toMatchObject({
      state: 'rolled-back',
      error: cause,
      stunMs: 30,
    });
    expect(last([operationRequested, { type: 'operation.failed', data: { operationId: 'op1', cause } }])).toMatchObject({ state: 'failed', error: cause });
    expect(last([operationRequested, { type: 'operation.cancelled', data: { operationId: 'op1', by: 'alice' } }])).toMatchObject({
      state: 'cancelled',
      error: null,
    });
  });

  it('never lets progress go backwards, whatever order and repeats segments and the switch-over come in', () => {
    const switchedOver: OperationEvent = {
      type: 'operation.switched-over',
      data: { operationId: 'op1', suspendedAt: 'a', resumedAt: 'b', stunMs: 8, transferMs: 5, checksum: 't', slaBreached: false },
    };
    const anyEvent = fc.oneof(
      fc.integer({ min: 0, max: 3 }).map((index) => segmentCompleted(index)),
      fc.constant(switchedOver),
    );
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 12 }), (events) => {
        const done = history([operationRequested, ...events]).map((row) => row.progress.done);
        done.slice(1).forEach((value, i) => expect(value).toBeGreaterThanOrEqual(done[i]));
        expect(Math.max(...done)).toBeLessThanOrEqual(4000);
      }),
    );
  });
});

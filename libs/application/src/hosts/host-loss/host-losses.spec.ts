import { EventBus } from '@nestjs/cqrs';
import { DomainEvent, HostEvent } from '@fsr/domain';
import { operationId, requested } from '../../../../domain/src/operation/operation.fixtures';
import { vmCreated, vmId, vmOperationStarted, vmPoweredOn } from '../../../../domain/src/vm/vm.fixtures';
import { InMemoryEventStore } from '../../../../infrastructure/src/event-store/in-memory-event-store';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { OperationFinisher } from '../../operations/operation-finisher';
import { HostLossOperations } from './host-loss-operations';
import { HostLosses } from './host-losses';

const context = { correlationId: 'c-1', causationId: null, actor: 'system:host-loss' };
const capacity = { cpuCores: 8, memoryMiB: 4096, workerThreads: 4, pframesPerSecondPerThread: null, numaNodes: 1 };
const connected = (agentInstanceId: string): HostEvent => ({ type: 'host.connected', data: { hostId: 'host-1', agentInstanceId, ...capacity } });
const disconnected = (agentInstanceId: string, reason: 'heartbeat-missed' | 'agent-stopped'): HostEvent => ({
  type: 'host.disconnected',
  data: { hostId: 'host-1', agentInstanceId, reason, lossTracked: true },
});

/** vm-1 runs on host-1 with operation op-1 open, after the host's events given. */
async function losses(hostEvents: HostEvent[]) {
  const events = new InMemoryEventStore();
  const host: DomainEvent[] = [
    { type: 'host.registered', data: { hostId: 'host-1', name: 'host-1' } },
    connected('a-1'),
    { type: 'host.vm-memory-committed', data: { hostId: 'host-1', vmId, memoryMiB: 1024 } },
    ...hostEvents,
  ];
  await events.append(
    [
      { streamId: 'host-host-1', expectedVersion: -1, events: host },
      { streamId: `vm-${vmId}`, expectedVersion: -1, events: [vmCreated(), vmPoweredOn(), vmOperationStarted()] },
      { streamId: `operation-${operationId}`, expectedVersion: -1, events: [requested] },
    ],
    context,
  );
  const store = new AggregateStore(events, { publishAll: () => undefined } as unknown as EventBus);
  const aggregates = new Aggregates(store);
  const typesOf = async (streamId: string) => (await events.readStream(streamId)).map((event) => event.type);
  return { losses: new HostLosses(aggregates, store, new HostLossOperations(aggregates, new OperationFinisher(aggregates, store))), typesOf };
}

describe('HostLosses', () => {
  it('ends nothing when it comes late for a loss already handled: what runs now is the successor\'s', async () => {
    const { losses: hostLosses, typesOf } = await losses([
      disconnected('a-1', 'heartbeat-missed'),
      { type: 'host.loss-handled', data: { hostId: 'host-1', agentInstanceId: 'a-1' } },
      connected('a-2'),
    ]);
    const before = await typesOf('host-host-1');
    await hostLosses.handle('host-1', 'a-1', context);
    expect(await typesOf(`operation-${operationId}`)).toEqual(['operation.requested']);
    expect(await typesOf('host-host-1')).toEqual(before);
  });

  it('handles the latest loss of an instance a heartbeat brought back, with that loss\'s reason, once', async () => {
    const { losses: hostLosses, typesOf } = await losses([disconnected('a-1', 'heartbeat-missed'), connected('a-1'), disconnected('a-1', 'agent-stopped')]);
    await hostLosses.handle('host-1', 'a-1', context);
    await hostLosses.handleUnhandled('host-1', context);
    expect((await typesOf(`operation-${operationId}`)).at(-1)).toBe('operation.failed');
    expect(await typesOf(`vm-${vmId}`)).toEqual(['vm.created', 'vm.powered-on', 'vm.operation-started', 'vm.operation-ended', 'vm.powered-off']);
    expect((await typesOf('host-host-1')).filter((type) => type === 'host.loss-handled')).toHaveLength(1);
  });

  it('records the loss of an instance that is connected again handled, and ends nothing of it', async () => {
    const { losses: hostLosses, typesOf } = await losses([disconnected('a-1', 'heartbeat-missed'), connected('a-1')]);
    await hostLosses.handleUnhandled('host-1', context);
    expect(await typesOf(`operation-${operationId}`)).toEqual(['operation.requested']);
    expect((await typesOf('host-host-1')).at(-1)).toBe('host.loss-handled');
  });

  it('powers off no VM once another agent instance connected: it may run there', async () => {
    const { losses: hostLosses, typesOf } = await losses([disconnected('a-1', 'agent-stopped'), connected('a-2')]);
    await hostLosses.handle('host-1', 'a-1', context);
    expect((await typesOf(`operation-${operationId}`)).at(-1)).toBe('operation.failed');
    expect(await typesOf(`vm-${vmId}`)).not.toContain('vm.powered-off');
    expect((await typesOf('host-host-1')).at(-1)).toBe('host.loss-handled');
  });
});

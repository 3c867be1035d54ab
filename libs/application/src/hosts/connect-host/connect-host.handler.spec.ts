import { EventBus } from '@nestjs/cqrs';
import { operationId, phaseStarted, requested } from '../../../../domain/src/operation/operation.fixtures';
import { vmCreated, vmId, vmOperationStarted, vmPoweredOn } from '../../../../domain/src/vm/vm.fixtures';
import { InMemoryEventStore } from '../../../../infrastructure/src/event-store/in-memory-event-store';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { OperationFinisher } from '../../operations/operation-finisher';
import { HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { ConnectHostCommand } from '../host.commands';
import { HostLossOperations } from '../host-loss/host-loss-operations';
import { HostLosses } from '../host-loss/host-losses';
import { ConnectHostHandler } from './connect-host.handler';

const context = { correlationId: 'c-1', causationId: null, actor: 'host-agent:host-1' };
const capacity = { cpuCores: 8, memoryMiB: 4096, workerThreads: 4, pframesPerSecondPerThread: null, numaNodes: 1 };
const keptVms = [{ vmId, pframeChecksum: '0a1b2c3d' }];

/** A log as a control plane leaves it when it stopped right after recording an agent's planned stop. */
async function logWithAnUnhandledLoss(): Promise<InMemoryEventStore> {
  const events = new InMemoryEventStore();
  await events.append(
    [
      {
        streamId: 'host-host-1',
        expectedVersion: -1,
        events: [
          { type: 'host.registered', data: { hostId: 'host-1', name: 'host-1' } },
          { type: 'host.connected', data: { hostId: 'host-1', agentInstanceId: 'a-1', ...capacity } },
          { type: 'host.vm-memory-committed', data: { hostId: 'host-1', vmId, memoryMiB: 1024 } },
          { type: 'host.disconnected', data: { hostId: 'host-1', agentInstanceId: 'a-1', reason: 'agent-restarting', keptVms, lossTracked: true } },
        ],
      },
      { streamId: `vm-${vmId}`, expectedVersion: -1, events: [vmCreated(), vmPoweredOn(), vmOperationStarted()] },
      { streamId: `operation-${operationId}`, expectedVersion: -1, events: [requested, phaseStarted('prepare', '2026-03-01T10:00:00.000Z')] },
    ],
    context,
  );
  return events;
}

describe('ConnectHostHandler', () => {
  it('handles a loss of the host the log holds unhandled before it records the new connection', async () => {
    const events = await logWithAnUnhandledLoss();
    const store = new AggregateStore(events, { publishAll: () => undefined } as unknown as EventBus);
    const aggregates = new Aggregates(store);
    const operations = new HostLossOperations(aggregates, new OperationFinisher(aggregates, store));
    const handler = new ConnectHostHandler(aggregates, store, operations, new HostLosses(aggregates, store, operations), {} as HostAgentGateway);

    await handler.execute(new ConnectHostCommand('host-1', 'host-1', 'a-2', capacity, [vmId], context, keptVms));

    const ending = (await events.readStream(`operation-${operationId}`)).at(-1);
    expect(ending).toMatchObject({ type: 'operation.failed', data: { cause: { code: 'HOST_DISCONNECTED', message: 'host host-1 was lost (agent-restarting) before the operation ended' } } });
    const hostTypes = (await events.readStream('host-host-1')).map((event) => event.type);
    expect(hostTypes.slice(3)).toEqual(['host.disconnected', 'host.loss-handled', 'host.connected']);
    const vmTypes = (await events.readStream(`vm-${vmId}`)).map((event) => event.type);
    expect(vmTypes).toEqual(['vm.created', 'vm.powered-on', 'vm.operation-started', 'vm.operation-ended']);
  });
});

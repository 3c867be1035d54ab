import { EventBus } from '@nestjs/cqrs';
import { AggregateStore } from '../../common/aggregate-store';
import { Aggregates } from '../../common/aggregates';
import { Clock } from '../../ports/clock.port';
import { EventStore } from '../../ports/event-store.port';
import { HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { ReadModelCatchUp } from '../../ports/read-model-catch-up.port';
import { WorkLeases } from '../../ports/work-leases.port';
import { DiskFiles } from '../../vms/disk-files';
import { OperationFinisher } from '../operation-finisher';
import { RelocationSteps } from '../relocate/relocation-steps';
import { AgentInquiry } from './agent-inquiry';
import { SwitchoverJournal } from './switchover-journal';
import { SwitchoverOutcome } from './switchover-outcome';
import { SwitchoverRunner } from './switchover-runner';

export const wallClock: Clock = { now: () => new Date() };

const noReadModels: ReadModelCatchUp = { catchUp: async () => undefined };

/** A SwitchoverRunner wired by hand, as Nest wires it, on the given event store, agent gateway, leases, clock and read models. */
export function switchoverRunnerOn(
  events: EventStore,
  gateway: HostAgentGateway,
  leases: WorkLeases,
  clock: Clock = wallClock,
  readModels: ReadModelCatchUp = noReadModels,
): SwitchoverRunner {
  const store = new AggregateStore(events, { publishAll: () => undefined } as unknown as EventBus);
  const aggregates = new Aggregates(store);
  const journal = new SwitchoverJournal(aggregates, store, clock);
  const finisher = new OperationFinisher(aggregates, store);
  const outcome = new SwitchoverOutcome(aggregates, journal, finisher);
  const diskFiles = new DiskFiles(aggregates);
  const inquiry = new AgentInquiry(aggregates, outcome, finisher, gateway);
  return new SwitchoverRunner(aggregates, journal, finisher, outcome, inquiry, new RelocationSteps(aggregates, journal, diskFiles, gateway, clock), diskFiles, gateway, leases, readModels);
}

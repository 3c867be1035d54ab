import {
  HOST_AGENT_ERROR_CODES,
  HostAgentJobLostError,
  HostAgentRejectedError,
  HostAgentUnavailableError,
  PrepareSwitchoverResult,
  SwitchoverResult,
  SwitchoverStatus,
} from '@fsr/contracts';
import { OperationEvent, isEventOf } from '@fsr/domain';
import { goodTotal, operationId, phaseStarted, requested, segmentResult, suspendedAt, switchoverStarted } from '../../../../domain/src/operation/operation.fixtures';
import { vmCreated, vmOperationStarted, vmPoweredOn } from '../../../../domain/src/vm/vm.fixtures';
import { InMemoryEventStore } from '../../../../infrastructure/src/event-store/in-memory-event-store';
import { HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { WorkLeases } from '../../ports/work-leases.port';
import { Clock } from '../../ports/clock.port';
import { ReadModelCatchUp } from '../../ports/read-model-catch-up.port';
import { switchoverRunnerOn } from './switchover-runner.fixture';

const context = { correlationId: 'c-1', causationId: null, actor: 'system:recovery' };
const capacity = { cpuCores: 8, memoryMiB: 4096, workerThreads: 4, pframesPerSecondPerThread: null };
const at = new Date(suspendedAt).toISOString();
const switchedOver: SwitchoverResult = {
  outcome: 'switched-over',
  suspendedAt,
  resumedAt: suspendedAt + 12.5,
  phases: [],
  segments: [segmentResult(0), segmentResult(1)],
  checksum: goodTotal,
};
const prepared: PrepareSwitchoverResult = { preparedAt: suspendedAt, destinationPages: 11, freshPages: 0 };
const unavailable = () => new HostAgentUnavailableError('host-1', 'no answer');
const lost = () => new HostAgentJobLostError('host-1', 'fsr.prepare');
const refused = () => new HostAgentRejectedError('host-1', HOST_AGENT_ERROR_CODES.notPrepared, 'no such destination');
const prepareSent = (epoch: number): OperationEvent => ({ type: 'operation.prepare-sent', data: { operationId, epoch } });

type Answer<T> = T | Error;

/** A host agent answering each command from its own script (the last answer repeats); it records what it was sent. */
class ScriptedAgent {
  readonly sent: string[] = [];
  constructor(
    private readonly script: { status?: Answer<SwitchoverStatus>[]; prepare?: Answer<PrepareSwitchoverResult>[]; execute?: Answer<SwitchoverResult>[] },
    private readonly keptJobResult: SwitchoverResult | null = null,
  ) {}
  readonly gateway = {
    finishedSwitchover: async () => this.keptJobResult,
    switchoverStatus: async () => this.answer('status', this.script.status),
    prepareSwitchover: async (_host: string, command: { epoch: number }) => this.answer(`prepare e${command.epoch}`, this.script.prepare),
    executeSwitchover: async (_host: string, _op: string, epoch: number) => this.answer(`execute e${epoch}`, this.script.execute),
    discardSwitchover: async (_host: string, _op: string, epoch?: number) => void this.sent.push(`discard e${epoch ?? '*'}`),
  } as unknown as HostAgentGateway;
  private answer<T>(what: string, script: Answer<T>[] = []): T {
    this.sent.push(what);
    const answer = script.length > 1 ? script.shift()! : script[0];
    if (answer === undefined) throw new Error(`the agent was not expected to be sent ${what}`);
    if (answer instanceof Error) throw answer;
    return answer;
  }
}

/** Given an operation's events, when its process runs against an agent answering so, then these are its steps and its ending. */
describe('SwitchoverRunner', () => {
  let events: InMemoryEventStore;

  let leaseHeldElsewhere = false;
  const leases: WorkLeases = {
    acquire: async (name) => (leaseHeldElsewhere ? null : { fence: { lease: name, token: 1n }, lost: false, release: async () => undefined }),
    heldAmong: async () => new Set(),
    heldHere: () => [],
  };
  const run = async (operationEvents: OperationEvent[], agent: ScriptedAgent, hostLostAfterMs?: number, clock?: Clock, readModels?: ReadModelCatchUp) => {
    events = new InMemoryEventStore();
    const registered = { type: 'host.registered' as const, data: { hostId: 'host-1', name: 'host-1' } };
    await events.append([{ streamId: 'host-host-1', expectedVersion: -1, events: [registered, { type: 'host.connected', data: { hostId: 'host-1', agentInstanceId: 'a-1', ...capacity } }] }], context);
    await events.append([{ streamId: 'vm-vm-1', expectedVersion: -1, events: [vmCreated(), vmPoweredOn(), vmOperationStarted()] }], context);
    await events.append([{ streamId: `operation-${operationId}`, expectedVersion: -1, events: operationEvents }], context);
    const done = switchoverRunnerOn(events, agent.gateway, leases, clock, readModels).run(operationId, context);
    if (hostLostAfterMs !== undefined) {
      await jest.advanceTimersByTimeAsync(hostLostAfterMs);
      expect(await ending()).toBeUndefined();
      await events.append([{ streamId: 'host-host-1', expectedVersion: 1, events: [{ type: 'host.disconnected', data: { hostId: 'host-1', agentInstanceId: 'a-1', reason: 'heartbeat-missed', lossTracked: true } }] }], context);
    }
    await jest.runAllTimersAsync();
    await done;
  };
  const types = async () => (await events.readStream(`operation-${operationId}`)).map((event) => event.type);
  const ending = async () => (await events.readStream(`operation-${operationId}`)).find((event) => ['operation.succeeded', 'operation.failed', 'operation.rolled-back'].includes(event.type));

  beforeEach(() => {
    leaseHeldElsewhere = false;
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
  });
  afterEach(() => jest.useRealTimers());

  describe('a run that started the operation', () => {
    it('prepares under epoch 1, crosses the point of no cancel, records the stun the agent ran', async () => {
      const agent = new ScriptedAgent({ prepare: [prepared], execute: [switchedOver] });
      await run([requested], agent);
      expect(agent.sent).toEqual(['prepare e1', 'execute e1']);
      expect(await types()).toEqual([
        'operation.requested', 'operation.phase-started', 'operation.prepare-sent', 'operation.phase-completed',
        'operation.switchover-started', 'operation.segment-completed', 'operation.segment-completed', 'operation.switched-over', 'operation.succeeded',
      ]);
    });

    it('sends the stun only once this replica has projected the handover it recorded', async () => {
      const agent = new ScriptedAgent({ prepare: [prepared], execute: [switchedOver] });
      const readModels: ReadModelCatchUp = {
        catchUp: async () => {
          const recorded = (await events.readStream(`operation-${operationId}`)).map((event) => event.type);
          agent.sent.push(`catch up after ${recorded.at(-1) ?? ''}`);
        },
      };
      await run([requested], agent, undefined, undefined, readModels);
      expect(agent.sent).toEqual(['prepare e1', 'catch up after operation.switchover-started', 'execute e1']);
    });

    it('does not hold the stun back for read models that fail or do not answer', async () => {
      const failing = new ScriptedAgent({ prepare: [prepared], execute: [switchedOver] });
      await run([requested], failing, undefined, undefined, { catchUp: () => Promise.reject(new Error('database gone')) });
      expect((await ending())?.type).toBe('operation.succeeded');
      const silent = new ScriptedAgent({ prepare: [prepared], execute: [switchedOver] });
      await run([requested], silent, undefined, undefined, { catchUp: () => new Promise<void>(() => undefined) });
      expect(silent.sent).toEqual(['prepare e1', 'execute e1']);
      expect((await ending())?.type).toBe('operation.succeeded');
    });

    it('stamps the phases it records with the time of the clock it was given', async () => {
      const ticks = ['2026-03-01T10:00:00.000Z', '2026-03-01T10:00:01.500Z'];
      const clock: Clock = { now: () => new Date(ticks.length > 1 ? ticks.shift()! : ticks[0]) };
      await run([requested], new ScriptedAgent({ prepare: [prepared], execute: [switchedOver] }), undefined, clock);
      const phases = (await events.readStream(`operation-${operationId}`)).filter((event) => isEventOf(event, 'operation.phase-started', 'operation.phase-completed'));
      const prepare = phases.filter((event) => event.data.phase === 'prepare');
      expect(prepare.map((event) => [event.type, 'endedAt' in event.data ? event.data.endedAt : event.data.startedAt])).toEqual([
        ['operation.phase-started', '2026-03-01T10:00:00.000Z'],
        ['operation.phase-completed', '2026-03-01T10:00:01.500Z'],
      ]);
    });

    it('prepares again under the next epoch when the agent holds nothing of a prepare whose job Redis lost', async () => {
      const agent = new ScriptedAgent({ prepare: [lost(), prepared], status: [{ state: 'unknown' }], execute: [switchedOver] });
      await run([requested], agent);
      expect(agent.sent).toEqual(['prepare e1', 'status', 'prepare e2', 'execute e2']);
      expect((await ending())?.type).toBe('operation.succeeded');
    });

    it('goes on with a prepare that answered late: the agent says it holds the destination', async () => {
      const agent = new ScriptedAgent({ prepare: [unavailable()], status: [{ state: 'preparing', epoch: 1 }, { state: 'prepared', epoch: 1 }], execute: [switchedOver] });
      await run([requested], agent);
      expect(agent.sent).toEqual(['prepare e1', 'status', 'status', 'execute e1']);
      expect((await ending())?.type).toBe('operation.succeeded');
    });

    it('takes the agent\'s word over a refusal of its stun: one it ran under a job Redis lost is recorded as it ended', async () => {
      const agent = new ScriptedAgent({ prepare: [prepared], execute: [refused()], status: [{ state: 'ended', epoch: 1, result: switchedOver }] });
      await run([requested], agent);
      expect(agent.sent).toEqual(['prepare e1', 'execute e1', 'status']);
      expect((await ending())?.type).toBe('operation.succeeded');
    });

    it('fails with the agent\'s refusal and discards what it may hold, before the suspend', async () => {
      const agent = new ScriptedAgent({ prepare: [refused()] });
      await run([requested], agent);
      expect(agent.sent).toEqual(['prepare e1', 'discard e*']);
      expect(await ending()).toMatchObject({ type: 'operation.failed', data: { cause: { code: HOST_AGENT_ERROR_CODES.notPrepared } } });
    });
  });

  it('leaves an operation whose lease another run holds (on another replica) to that run', async () => {
    leaseHeldElsewhere = true;
    const agent = new ScriptedAgent({});
    await run([requested, prepareSent(1), switchoverStarted(1)], agent);
    expect(agent.sent).toEqual([]);
    expect(await ending()).toBeUndefined();
  });

  describe('a run that took the operation over', () => {
    it('asks the agent, and continues with the destination it prepared for the dead run', async () => {
      const agent = new ScriptedAgent({ status: [{ state: 'prepared', epoch: 1 }], execute: [switchedOver] });
      await run([requested, phaseStarted('prepare', at), prepareSent(1)], agent);
      expect(agent.sent).toEqual(['status', 'execute e1']);
      expect((await ending())?.type).toBe('operation.succeeded');
    });

    it('asks first, then sends the handed-over stun again to an agent that still holds it (the same job) and records how it ended', async () => {
      const agent = new ScriptedAgent({ status: [{ state: 'prepared', epoch: 1 }], execute: [switchedOver] });
      await run([requested, prepareSent(1), switchoverStarted(1)], agent);
      expect(agent.sent).toEqual(['status', 'execute e1']);
      expect((await ending())?.type).toBe('operation.succeeded');
    });

    it('records the stun the agent ended while no answer reached anyone, asking again while it could not answer, never sending it twice', async () => {
      const agent = new ScriptedAgent({ status: [unavailable(), unavailable(), { state: 'ended', epoch: 1, result: switchedOver }] });
      await run([requested, prepareSent(1), switchoverStarted(1)], agent);
      expect(agent.sent).toEqual(['status', 'status', 'status']);
      expect((await ending())?.type).toBe('operation.succeeded');
    });

    it('records no guessed ending while the agent cannot answer; a host recorded lost ends it as lost', async () => {
      const agent = new ScriptedAgent({ status: [unavailable()] });
      await run([requested, prepareSent(1), switchoverStarted(1)], agent, 120_000);
      expect(await ending()).toMatchObject({ type: 'operation.failed', data: { cause: { code: 'HOST_DISCONNECTED' } } });
    });

    it('records what a lost host\'s agent answered before it went, from the switch-over job it finished', async () => {
      const agent = new ScriptedAgent({ status: [unavailable()] }, switchedOver);
      await run([requested, prepareSent(1), switchoverStarted(1)], agent, 5_000);
      expect((await ending())?.type).toBe('operation.succeeded');
    });

    it('records the stun an agent restarted since had answered, from its finished job, instead of failing it', async () => {
      const agent = new ScriptedAgent({ status: [{ state: 'unknown' }] }, switchedOver);
      await run([requested, prepareSent(1), switchoverStarted(1)], agent);
      expect(agent.sent).toEqual(['status']);
      expect((await ending())?.type).toBe('operation.succeeded');
    });

    it('fails a handed-over stun the agent holds no trace of (it restarted)', async () => {
      const agent = new ScriptedAgent({ status: [{ state: 'unknown' }] });
      await run([requested, prepareSent(1), switchoverStarted(1)], agent);
      expect(agent.sent).toEqual(['status']);
      expect(await ending()).toMatchObject({ type: 'operation.failed', data: { cause: { code: 'AGENT_LOST_SWITCHOVER' } } });
    });
  });

  describe('a replica shutting down', () => {
    it('stops where it is: the stun still waited on is left to the agent, its lease given up, nothing recorded by guess', async () => {
      let answerTheStun: (error: Error) => void = () => undefined;
      const agent = new ScriptedAgent({ status: [{ state: 'prepared', epoch: 1 }] });
      const gateway = { ...agent.gateway, executeSwitchover: () => new Promise((_, reject) => (answerTheStun = reject)) } as unknown as HostAgentGateway;
      let released = 0;
      const counting: WorkLeases = { ...leases, acquire: async (name) => ({ fence: { lease: name, token: 1n }, lost: false, release: async () => { released++; } }) };
      events = new InMemoryEventStore();
      await events.append([{ streamId: 'vm-vm-1', expectedVersion: -1, events: [vmCreated(), vmPoweredOn(), vmOperationStarted()] }], context);
      await events.append([{ streamId: `operation-${operationId}`, expectedVersion: -1, events: [requested, prepareSent(1), switchoverStarted(1)] }], context);
      const runner = switchoverRunnerOn(events, gateway, counting);
      const done = runner.run(operationId, context);
      while (agent.sent.length === 0) await jest.advanceTimersByTimeAsync(10);

      await runner.stop();
      await done;
      answerTheStun(unavailable());
      await jest.runAllTimersAsync();

      expect(released).toBe(1);
      expect(runner.driving.size).toBe(0);
      expect(agent.sent).toEqual(['status']);
      expect(await ending()).toBeUndefined();
      await runner.run(operationId, context);
      expect(agent.sent).toEqual(['status']);
    });
  });
});

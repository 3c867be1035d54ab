import { SwitchoverResult } from '@fsr/contracts';
import { createTestPostgresDatabase, TestPostgresDatabase } from '@fsr/testing';
import { goodTotal, operationId, requested, segmentResult, suspendedAt, switchoverStarted } from '../../../../domain/src/operation/operation.fixtures';
import { vmCreated, vmOperationStarted, vmPoweredOn } from '../../../../domain/src/vm/vm.fixtures';
import { PrismaEventStore } from '../../../../infrastructure/src/event-store/prisma-event-store';
import { PrismaWorkLeases } from '../../../../infrastructure/src/leases/prisma-work-leases';
import { HostAgentGateway } from '../../ports/host-agent-gateway.port';
import { switchoverRunnerOn } from './switchover-runner.fixture';

const context = { correlationId: 'c-1', causationId: null, actor: 'system:test' };
const switchedOver: SwitchoverResult = { outcome: 'switched-over', suspendedAt, resumedAt: suspendedAt + 9, phases: [], segments: [segmentResult(0), segmentResult(1)], checksum: goodTotal };

/** A host agent whose answer to the stun is held until the test lets it go. */
function heldAgent() {
  let answer!: (result: SwitchoverResult) => void;
  const executed = new Promise<SwitchoverResult>((resolve) => (answer = resolve));
  let sent!: () => void;
  const asked = new Promise<void>((resolve) => (sent = resolve));
  const gateway = { switchoverStatus: async () => ({ state: 'prepared', epoch: 1 }), executeSwitchover: () => (sent(), executed) } as unknown as HostAgentGateway;
  return { gateway, asked, answer: () => answer(switchedOver) };
}

/** Issue 14: a replica whose lease was taken while it waited (paused) cannot append as the operation's owner. */
describe('SwitchoverRunner fenced by its lease (PostgreSQL)', () => {
  let database: TestPostgresDatabase;
  beforeAll(async () => {
    database = await createTestPostgresDatabase();
  });
  afterAll(() => database.drop());

  const replica = (holder: string, gateway: HostAgentGateway) => {
    const leases = new PrismaWorkLeases(database.prisma, { holder, ttlMs: 60_000 });
    return switchoverRunnerOn(new PrismaEventStore(database.prisma), gateway, leases);
  };

  it('refuses the old holder\'s record of the stun once another replica holds the lease; the new holder records it once', async () => {
    const events = new PrismaEventStore(database.prisma);
    await events.append([{ streamId: 'vm-vm-1', expectedVersion: -1, events: [vmCreated(), vmPoweredOn(), vmOperationStarted()] }], context);
    await events.append([{ streamId: `operation-${operationId}`, expectedVersion: -1, events: [requested, switchoverStarted(1)] }], context);
    const [agentA, agentB] = [heldAgent(), heldAgent()];

    const runA = replica('elsewhere:1:a', agentA.gateway).run(operationId, context);
    await agentA.asked;
    // Replica A is paused past its lease: its time runs out and B takes the operation over.
    await database.prisma.$executeRaw`UPDATE work_leases SET expires_at = now() - interval '1 second' WHERE name = ${`operation:${operationId}`}`;
    const runB = replica('elsewhere:2:b', agentB.gateway).run(operationId, context);
    await agentB.asked;

    agentA.answer();
    await runA;
    const types = async () => (await events.readStream(`operation-${operationId}`)).map((event) => event.type);
    expect(await types()).toEqual(['operation.requested', 'operation.switchover-started']);

    agentB.answer();
    await runB;
    expect((await types()).slice(2)).toEqual(['operation.segment-completed', 'operation.segment-completed', 'operation.switched-over', 'operation.succeeded']);
  });
});

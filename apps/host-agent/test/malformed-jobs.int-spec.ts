import { randomUUID } from 'node:crypto';
import { bullOptionsFor, CONTROL_PLANE_REPORTS_QUEUE, HostReport, hostCommandsQueue, pframePartitionQueue } from '@fsr/contracts';
import { Job, Queue } from 'bullmq';
import { BullMqHostAgentGateway } from '../../../libs/infrastructure/src/queues/bullmq-host-agent.gateway';
import { createHostReportsWorker } from '../../../libs/infrastructure/src/queues/host-reports-worker';
import { HostAgent } from '../src/host-agent';
import { connection, removePrefix, segmentsFor } from './harness';
import { startTestAgent } from './in-process-agent';

/** Jobs that do not read as what their queue carries, put in Redis by hand: each fails with where it is wrong, and work goes on. */
describe('malformed jobs and reports through real Redis', () => {
  const prefix = `test-${randomUUID()}`;
  const queues: Queue[] = [];
  let agent: HostAgent;
  let gateway: BullMqHostAgentGateway;
  // The agent's own reports go to `prefix`: the reports test has a queue of its own.
  const reportsPrefix = `${prefix}-reports`;
  const queue = (name: string, on = prefix) => {
    const created = new Queue(name, bullOptionsFor(name, { connection, prefix: on }));
    queues.push(created);
    return created;
  };
  /** The reason the job failed with, once it has. */
  const failure = async (on: Queue, job: Job): Promise<string> => {
    for (let waited = 0; waited < 10_000; waited += 25) {
      const now = (await Job.fromId(on, job.id!))!;
      if (now.failedReason) return now.failedReason;
      if (now.finishedOn) throw new Error(`job ${job.name} completed: ${JSON.stringify(now.returnvalue)}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`job ${job.name} did not fail in time`);
  };

  beforeAll(async () => {
    agent = await startTestAgent(prefix, { HOST_MEMORY_MIB: '1024' });
    gateway = new BullMqHostAgentGateway({ connection, prefix, timeoutMs: 10_000 });
  });
  afterAll(async () => {
    await gateway.close();
    await agent.stop();
    await Promise.all(queues.map((q) => q.close()));
    await removePrefix(prefix);
    await removePrefix(reportsPrefix);
  });

  it('refuses a command whose payload breaks its schema, or whose name is no command, and answers the next one', async () => {
    const commands = queue(hostCommandsQueue(agent.hostId));
    const wrongTypes = await commands.add('vm.power-on', { vmId: 'vm-x', vcpus: 'two', memoryMiB: 64 });
    const noBody = await commands.add('fsr.switch-over', null);
    const unknown = await commands.add('vm.explode', { vmId: 'vm-x' });

    expect(await failure(commands, wrongTypes)).toMatch(/^AGENT_INVALID_COMMAND: malformed vm\.power-on: vcpus: .*; disks: /);
    expect(await failure(commands, noBody)).toMatch(/^AGENT_INVALID_COMMAND: malformed fsr\.switch-over: /);
    expect(await failure(commands, unknown)).toBe('AGENT_INVALID_COMMAND: unknown command vm.explode');
    expect(agent.context.vms.has('vm-x')).toBe(false);
    await expect(gateway.powerOn(agent.hostId, { vmId: 'vm-ok', vcpus: 1, memoryMiB: 16, disks: [] })).resolves.toEqual({ pages: 4096 });
  });

  it('fails a malformed segment job on a PFrame partition without touching the switch-over armed there', async () => {
    await gateway.prepareSwitchover(agent.hostId, {
      operationId: 'op-1', epoch: 1, vmId: 'vm-ok', mode: 'legacy', targetVcpus: 1, targetMemoryMiB: 16, segments: segmentsFor(4096, 1),
    });
    const partition = queue(pframePartitionQueue(agent.hostId, 0));
    const malformed = await partition.add('pframe.segment', { operationId: 'op-1', epoch: 'one', segment: { index: 0 } });

    expect(await failure(partition, malformed)).toMatch(/^AGENT_INVALID_COMMAND: malformed segment job: epoch: .*segment\.partition: /);
    expect(agent.context.switchovers.get('op-1')?.phase).toBe('prepared');
    await gateway.discardSwitchover(agent.hostId, 'op-1', 1);
  });

  it('fails a report that breaks its schema on the control plane\'s reports queue, and hands on the next one', async () => {
    const handled: HostReport[] = [];
    const worker = createHostReportsWorker({ connection, prefix: reportsPrefix }, async (report) => void handled.push(report));
    try {
      const reports = queue(CONTROL_PLANE_REPORTS_QUEUE, reportsPrefix);
      const malformed = await reports.add('agent.heartbeat', { type: 'agent.heartbeat', hostId: 'h-1', sentAt: 'now' });
      const heartbeat = { type: 'agent.heartbeat', hostId: 'h-1', agentInstanceId: 'a-1', sentAt: 1 };
      await reports.add('agent.heartbeat', heartbeat);

      expect(await failure(reports, malformed)).toMatch(/^malformed host report agent\.heartbeat: agentInstanceId: .*; sentAt: /);
      for (let waited = 0; handled.length === 0 && waited < 5_000; waited += 25) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(handled).toEqual([heartbeat]);
    } finally {
      await worker.close();
    }
  });
});

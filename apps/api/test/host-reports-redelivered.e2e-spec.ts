import { bullOptionsFor, CONTROL_PLANE_REPORTS_QUEUE, HostReport } from '@fsr/contracts';
import { redisOptionsFromUrl } from '@fsr/redis-plumbing';
import { ConnectionOptions, Job, Queue } from 'bullmq';
import { eventually } from './support/eventually';
import { runningVm } from './support/fault-scenario';
import { TestStack } from './support/test-stack';

jest.setTimeout(90_000);

interface RecordedEvent {
  readonly type: string;
  readonly data: Record<string, unknown>;
}

/**
 * BullMQ delivers a report at least once: a replica that dies while it handles one hands it to another, later.
 * A report delivered twice, or after the agent that sent it was replaced, must change nothing.
 */
describe('host reports delivered twice or late (e2e)', () => {
  let stack: TestStack;
  let reports: Queue<HostReport>;

  beforeAll(async () => {
    stack = await TestStack.start({ hosts: ['host-1'], agentEnv: { HEARTBEAT_INTERVAL_MS: '250' } });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 1 }).expect(201);
    reports = new Queue<HostReport>(CONTROL_PLANE_REPORTS_QUEUE, bullOptionsFor(CONTROL_PLANE_REPORTS_QUEUE, { connection: redisOptionsFromUrl(stack.redisUrl) as ConnectionOptions, prefix: stack.queuePrefix }));
  });
  afterAll(async () => {
    await reports?.close();
    await stack?.close();
  });

  const historyOf = async (path: string): Promise<RecordedEvent[]> => (await stack.http().get(`${path}/history?limit=500`)).body.items;

  /** Puts the report on the queue as an agent does and waits until the control plane has handled it. */
  async function deliver(report: HostReport): Promise<void> {
    const job = await reports.add(report.type, report);
    await eventually(
      () => Job.fromId(reports, job.id!).then((found) => found?.getState()),
      (state) => state === 'completed' || state === 'failed',
      { what: `${report.type} to be handled` },
    );
    expect(await (await Job.fromId(reports, job.id!))?.getState()).toBe('completed');
  }

  it('a restarted agent keeps its host and VMs when the start of the instance it replaced, or its own, arrives again', async () => {
    const vm = await runningVm(stack, 'host-1');
    const [firstStart] = (await historyOf('/hosts/host-1')).filter((event) => event.type === 'host.connected');
    const replaced = firstStart.data.agentInstanceId as string;

    expect(await stack.agents.get('host-1')!.stop('SIGTERM')).toBe(0);
    await stack.waitForHost('host-1', 'disconnected');
    await stack.startAgent('host-1');
    const current = (await historyOf('/hosts/host-1')).filter((event) => event.type === 'host.connected').at(-1)!;
    expect(current.data.agentInstanceId).not.toBe(replaced);
    const capacityOf = ({ hostId: _host, agentInstanceId: _instance, restoredVms: _restored, ...capacity }: Record<string, unknown>) => capacity;
    // Powered on after the new instance started: its own start, delivered again, does not list it.
    const later = await runningVm(stack, 'host-1');
    const hostEvents = (await historyOf('/hosts/host-1')).length;
    const vmEvents = (await historyOf(`/vms/${vm.id}`)).length;

    const lateStart = { type: 'agent.started', hostId: 'host-1', name: 'host-1', agentInstanceId: replaced, capacity: capacityOf(firstStart.data), vms: [] } as unknown as HostReport;
    await deliver(lateStart);
    await deliver(lateStart);
    await deliver({ type: 'agent.stopping', hostId: 'host-1', agentInstanceId: replaced });
    const restoredVms = current.data.restoredVms as { vmId: string; pframeChecksum: string }[];
    const repeatedStart = {
      type: 'agent.started',
      hostId: 'host-1',
      name: 'host-1',
      agentInstanceId: current.data.agentInstanceId,
      capacity: capacityOf(current.data),
      vms: restoredVms.map((kept) => ({ ...kept, pages: 0, vcpus: 0 })),
    } as unknown as HostReport;
    await deliver(repeatedStart);

    expect((await historyOf('/hosts/host-1')).length).toBe(hostEvents);
    expect((await historyOf(`/vms/${vm.id}`)).length).toBe(vmEvents);
    expect((await stack.http().get('/hosts/host-1')).body.connectionState).toBe('connected');
    expect((await stack.http().get(`/vms/${vm.id}`)).body.powerState).toBe('poweredOn');
    expect((await stack.http().get(`/vms/${later.id}`)).body.powerState).toBe('poweredOn');
  });
});

import { STALL_MS } from '../../host-agent/test/faults/segment-fault';
import { waitForActiveCommand } from './support/agent-commands';
import { eventually } from './support/eventually';
import { REDIS_URL, TestStack } from './support/test-stack';

/** Host agents leaving during a switch-over: SIGTERM lets it end; SIGKILL fails it, and a restarted agent reports what it holds. */
jest.setTimeout(60_000);

describe('host agents joining and leaving (e2e)', () => {
  let stack: TestStack;
  let seq = 0;

  const vmOn = async (hostId: string) => {
    const spec = { name: `vm-${++seq}`, hostId, datastoreId: 'ds-ds1', vcpus: 2, memoryMiB: 256, cpuHotAddEnabled: true, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }] };
    const vm = (await stack.http('operator').post('/vms', spec)).body as { id: string };
    expect((await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' })).status).toBe(200);
    return vm.id;
  };
  /** A hot add whose first segment stalls STALL_MS inside the stun, so the agent is stopped in the middle of the PFrame transfer. */
  const stalledHotAdd = async (vmId: string) => {
    await stack.injectSegmentFault(vmId, { segmentIndex: 0, failAttempts: 1, kind: 'stall' });
    const accepted = await stack.http('operator').post(`/vms/${vmId}/hot-add`, { memoryMiB: 512, vcpus: 4 });
    expect(accepted.status).toBe(202);
    return accepted.body.operationId as string;
  };
  const vm = async (vmId: string) => (await stack.http().get(`/vms/${vmId}`)).body;
  const host = async (hostId: string) => (await stack.http().get(`/hosts/${hostId}`)).body;
  /** Event types of an aggregate's own history (a host's also lists its VMs' events), disconnections with their reason. */
  const historyTypes = async (path: string) => {
    const own = path.startsWith('/hosts') ? 'host.' : 'vm.';
    const items = (await stack.http().get(`${path}/history?limit=200`)).body.items as { type: string; data: Record<string, unknown> }[];
    return items
      .filter((item) => item.type.startsWith(own))
      .map((item) => (item.type === 'host.disconnected' ? `${item.type}:${String(item.data.reason)}` : item.type));
  };

  beforeAll(async () => {
    stack = await TestStack.start({
      hosts: ['host-1', 'host-2'],
      env: { HEARTBEAT_TIMEOUT_MS: '1500', HOST_AGENT_TIMEOUT_MS: '5000' },
      agentEnv: { HOST_MEMORY_MIB: '4096', HEARTBEAT_INTERVAL_MS: '250', WORKER_THREADS: '1' },
    });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 4 });
  }, 60_000);
  afterAll(() => stack?.close());

  it('a new agent registers: its host appears connected with the capacity it reported', async () => {
    await stack.startAgent('host-3', { HOST_MEMORY_MIB: '2048' });
    expect(await host('host-3')).toMatchObject({ connectionState: 'connected', capacity: { memoryMiB: 2048 } });
    expect(await historyTypes('/hosts/host-3')).toEqual(['host.registered', 'host.connected']);
  });

  it('SIGTERM during the PFrame transfer: the agent finishes the switch-over, keeps its VMs, and takes them back when it starts again', async () => {
    const [busy, idle] = [await vmOn('host-1'), await vmOn('host-1')];
    const operationId = await stalledHotAdd(busy);
    await waitForActiveCommand(REDIS_URL, stack.queuePrefix, 'host-1', 'fsr.switch-over');

    expect(await stack.agents.get('host-1')!.stop('SIGTERM')).toBe(0);

    const operation = await stack.waitForOperation(operationId);
    expect(operation.state).toBe('succeeded');
    expect(operation.stunMs).toBeGreaterThanOrEqual(STALL_MS);
    await stack.waitForHost('host-1', 'disconnected');
    expect(await vm(busy)).toMatchObject({ powerState: 'poweredOn', vcpus: 4, memoryMiB: 512, activeOperationId: null });
    expect((await vm(idle)).powerState).toBe('poweredOn');
    expect((await host('host-1')).used.memoryMiB).toBe(512 + 256);
    const [disconnected] = (await stack.http().get('/hosts/host-1/history?type=host.disconnected')).body.items;
    expect(disconnected.data).toMatchObject({ reason: 'agent-restarting' });
    const kept = disconnected.data.keptVms as { vmId: string; pframeChecksum: string }[];
    expect(kept.map((k) => k.vmId).sort()).toEqual([busy, idle].sort());

    await stack.startAgent('host-1');
    const connected = (await stack.http().get('/hosts/host-1/history?type=host.connected&order=desc&limit=1')).body.items[0];
    expect(connected.data.restoredVms).toEqual(kept);
    expect(await vm(busy)).toMatchObject({ powerState: 'poweredOn', vcpus: 4, memoryMiB: 512 });
    const memory = (await stack.http().get('/hosts/host-1/memory')).body;
    expect(Object.fromEntries(memory.vms.map((v: { vmId: string; checksum: string }) => [v.vmId, v.checksum]))).toEqual(
      Object.fromEntries(kept.map((k) => [k.vmId, k.pframeChecksum])),
    );
    expect(memory.conflictingMpns).toBe(0);
    expect(await historyTypes(`/vms/${busy}`)).not.toContain('vm.powered-off');
  });

  it('SIGKILL during the PFrame transfer: the host turns disconnected, the operation fails with HOST_DISCONNECTED, a restarted agent reports no VM', async () => {
    const [busy, idle] = [await vmOn('host-2'), await vmOn('host-2')];
    const operationId = await stalledHotAdd(busy);
    await waitForActiveCommand(REDIS_URL, stack.queuePrefix, 'host-2', 'fsr.switch-over');

    await stack.agents.get('host-2')!.stop('SIGKILL');

    await stack.waitForHost('host-2', 'disconnected');
    const operation = await stack.waitForOperation(operationId);
    expect(operation).toMatchObject({ state: 'failed', error: { code: 'HOST_DISCONNECTED' } });
    expect(await vm(busy)).toMatchObject({ vcpus: 2, memoryMiB: 256 });

    await stack.startAgent('host-2');
    for (const vmId of [busy, idle]) {
      const view = await eventually(() => vm(vmId), (v) => v.powerState === 'poweredOff', { what: `${vmId} powered off` });
      expect(view.activeOperationId).toBeNull();
    }
    expect((await host('host-2')).used.memoryMiB).toBe(0);
    const hostHistory = (await historyTypes('/hosts/host-2')).filter((type) => type !== 'host.vm-memory-committed');
    expect(hostHistory).toEqual(['host.registered', 'host.connected', 'host.disconnected:heartbeat-missed', 'host.loss-handled', 'host.connected']);
    expect(await historyTypes(`/vms/${busy}`)).toEqual(expect.arrayContaining(['vm.operation-ended', 'vm.powered-off']));
    const memory = (await stack.http().get('/hosts/host-2/memory')).body;
    expect(memory).toMatchObject({ vms: [], conflictingMpns: 0 });
    expect(memory.freeMpns).toBe(memory.totalMpns);

    const again = await stack.http('operator').post(`/vms/${idle}/power`, { action: 'on' });
    expect(again.status).toBe(200);
  });
});

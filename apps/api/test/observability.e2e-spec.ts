import { baseUrlOf } from './support/base-url';
import { eventually } from './support/eventually';
import { histogramSeriesCount, parseMetrics } from './support/prometheus';
import { SseClient, StreamedEvent } from './support/sse-client';
import { KEYS, TestStack } from './support/test-stack';

const PHASES = ['prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup'];

describe('live events, state at a time and metrics (e2e)', () => {
  let stack: TestStack;
  let seq = 0;

  const runningVm = async (vcpus = 4) => {
    const spec = { name: `obs-${++seq}`, hostId: 'host-1', datastoreId: 'ds-ds1', vcpus, memoryMiB: 1024, cpuHotAddEnabled: true, memoryHotAddEnabled: true, disks: [{ sizeMiB: 4 }] };
    const vm = (await stack.http('operator').post('/vms', spec).expect(201)).body as { id: string };
    await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' }).expect(200);
    return vm;
  };
  const hotAdd = async (vmId: string, body: object) => {
    const { operationId } = (await stack.http('operator').post(`/vms/${vmId}/hot-add`, body).expect(202)).body;
    return stack.waitForOperation(operationId);
  };
  const lastPosition = async () => {
    let after = 0;
    for (;;) {
      const { items } = (await stack.http('viewer').get(`/events?after=${after}&limit=500`).expect(200)).body;
      if (items.length === 0) return after;
      after = items.at(-1).position;
    }
  };
  const streamUrl = () => `${baseUrlOf(stack)}/api/v1/events/stream?access_token=${KEYS.viewer}`;
  const ofOperation = (events: StreamedEvent[], operationId: string) =>
    events.filter((event) => event.data.data.operationId === operationId && event.data.streamId.startsWith('operation-'));

  beforeAll(async () => {
    stack = await TestStack.start();
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 }).expect(201);
  }, 60_000);
  afterAll(() => stack?.close());

  it('streams an operation\'s events in log order and resumes from Last-Event-ID without gaps or repeats', async () => {
    const vm = await runningVm();
    const start = await lastPosition();
    const live = await SseClient.open(streamUrl(), { 'Last-Event-ID': String(start) });
    try {
      const operation = await hotAdd(vm.id, { vcpus: 6 });
      expect(operation.state).toBe('succeeded');
      const streamed = await eventually(
        async () => ofOperation(live.events, operation.id),
        (events) => events.some((event) => event.data.type === 'operation.succeeded'),
        { what: 'operation.succeeded on the stream' },
      );
      const types = streamed.map((event) => event.data.type);
      expect(types[0]).toBe('operation.requested');
      expect(types.at(-1)).toBe('operation.succeeded');
      expect(streamed.filter((event) => event.data.type === 'operation.phase-completed').map((event) => event.data.data.phase)).toEqual(PHASES);
      expect(types.filter((type) => type === 'operation.segment-completed')).toHaveLength(4);
      expect(types.indexOf('operation.switched-over')).toBeGreaterThan(types.lastIndexOf('operation.segment-completed'));
      const positions = live.events.map((event) => Number(event.id));
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      expect(new Set(positions).size).toBe(positions.length);
      expect(positions[0]).toBe(start + 1);

      const log = (await stack.http('viewer').get(`/events?after=${start}&limit=500`).expect(200)).body.items;
      expect(positions).toEqual(log.slice(0, positions.length).map((item: { position: number }) => item.position));

      const middle = streamed[Math.floor(streamed.length / 2)];
      const resumed = await SseClient.open(streamUrl(), { 'Last-Event-ID': middle.id });
      try {
        const expected = live.events.filter((event) => Number(event.id) > Number(middle.id));
        await eventually(async () => resumed.events.length, (count) => count >= expected.length, { what: 'the resumed stream to catch up' });
        expect(resumed.events.slice(0, expected.length).map((event) => event.id)).toEqual(expected.map((event) => event.id));
      } finally {
        resumed.close();
      }
    } finally {
      live.close();
    }
  });

  it('answers ?at= with the configuration before a hot-add, and the current one without', async () => {
    const vm = await runningVm();
    await new Promise((resolve) => setTimeout(resolve, 5)); // a timestamp strictly after the power-on event
    const before = new Date().toISOString();
    const operation = await hotAdd(vm.id, { vcpus: 8, memoryMiB: 2048 });
    expect(operation.state).toBe('succeeded');
    const then = (await stack.http('viewer').get(`/vms/${vm.id}?at=${encodeURIComponent(before)}`).expect(200)).body;
    const now = (await stack.http('viewer').get(`/vms/${vm.id}`).expect(200)).body;
    expect(then).toMatchObject({ vcpus: 4, memoryMiB: 1024, powerState: 'poweredOn' });
    expect(now).toMatchObject({ vcpus: 8, memoryMiB: 2048 });
    expect(then.version).toBeLessThan(now.version);
  });

  it('exposes Prometheus metrics whose stun histogram counts the switch-overs run, by mode', async () => {
    await hotAdd((await runningVm()).id, { memoryMiB: 1280, mode: 'legacy' });
    await stack.http().raw().get('/metrics').expect(401);
    const operations = (await stack.http('viewer').get('/operations').expect(200)).body as { mode: string; stunMs: number | null; state: string }[];
    const switchedOver = (mode: string) => operations.filter((operation) => operation.stunMs !== null && operation.mode === mode).length;
    expect(switchedOver('distributed')).toBe(2);
    expect(switchedOver('legacy')).toBe(1);

    const response = await stack.http('viewer').raw().get('/metrics').set('Authorization', `Bearer ${KEYS.viewer}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/plain/);
    const families = parseMetrics(response.text);
    const family = (name: string) => {
      const found = families.get(name);
      if (!found) throw new Error(`no metric ${name}`);
      return found;
    };
    expect(family('fsr_stun_duration_seconds').type).toBe('HISTOGRAM');
    const stunCount = (mode: string) => histogramSeriesCount(response.text, 'fsr_stun_duration_seconds', `mode="${mode}"`);
    expect(stunCount('distributed')).toBe(switchedOver('distributed'));
    expect(stunCount('legacy')).toBe(switchedOver('legacy'));

    const succeeded = family('fsr_operations').metrics.find((sample) => sample.labels?.kind === 'hot-add' && sample.labels?.state === 'succeeded');
    expect(Number(succeeded?.value)).toBe(operations.filter((operation) => operation.state === 'succeeded').length);
    expect(histogramSeriesCount(response.text, 'fsr_event_store_append_seconds', 'outcome="ok"')).toBeGreaterThan(0);
    const transferRate = family('fsr_segment_transfer_rate_pframes_per_second').metrics.find((sample) => sample.labels?.host_id === 'host-1');
    expect(Number(transferRate?.value)).toBeGreaterThan(0);
    const depths = family('fsr_queue_jobs').metrics;
    expect(depths.find((sample) => sample.labels?.queue === 'host.host-1.pframes.p00' && sample.labels?.state === 'completed')?.value).toBe('3');
    expect(depths.some((sample) => sample.labels?.queue === 'host.host-1.commands')).toBe(true);
    await stack.http('viewer').get('/metrics').expect(200);
  });
});

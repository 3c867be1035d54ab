import { TestStack } from './support/test-stack';

interface Operation {
  id: string;
  state: string;
  mode: string;
  stunMs: number | null;
  predictedStunMs: number;
  slaBreached: boolean | null;
  checksum: string | null;
  segments: { index: number; partition: number; ppnCount: number; state: string; checksum: string | null }[];
  phases: { name: string; startedAt: string; endedAt: string | null; durationMs?: number }[];
  error?: { code: string; message: string };
}

describe('hot add through FSR over HTTP (e2e)', () => {
  let stack: TestStack;
  let seq = 0;

  const runningVm = async (overrides: object = {}) => {
    const spec = {
      name: `vm-${++seq}`,
      hostId: 'host-1',
      datastoreId: 'ds-ds1',
      vcpus: 8,
      memoryMiB: 8192,
      cpuHotAddEnabled: true,
      memoryHotAddEnabled: true,
      disks: [{ sizeMiB: 8 }],
      ...overrides,
    };
    const vm = (await stack.http('operator').post('/vms', spec)).body;
    expect((await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' })).status).toBe(200);
    return vm as { id: string };
  };
  const memoryOf = async (vmId: string) => {
    const memory = (await stack.http().get('/hosts/host-1/memory')).body;
    return { memory, vm: memory.vms.find((vm: { vmId: string }) => vm.vmId === vmId) };
  };
  const hotAdd = async (vmId: string, body: object): Promise<Operation> => {
    const accepted = await stack.http('operator').post(`/vms/${vmId}/hot-add`, body);
    expect(accepted.status).toBe(202);
    expect(accepted.headers.location).toBe(`/api/v1/operations/${accepted.body.operationId}`);
    return stack.waitForOperation(accepted.body.operationId);
  };

  beforeAll(async () => {
    stack = await TestStack.start({ agentEnv: { HOST_MEMORY_MIB: '131072' } });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 10 });
  }, 60_000);
  afterAll(() => stack?.close());

  it('hot-adds memory and vCPUs in distributed mode: 8 segments, verified, fresh MPNs for the new memory', async () => {
    const vm = await runningVm();
    const before = await memoryOf(vm.id);
    const operation = await hotAdd(vm.id, { memoryMiB: 12288, vcpus: 12 });

    expect(operation.state).toBe('succeeded');
    expect(operation.mode).toBe('distributed');
    expect(operation.segments.map((s) => [s.index, s.partition, s.state])).toEqual([...Array(8).keys()].map((i) => [i, i, 'done']));
    expect(Math.max(...operation.segments.map((s) => s.ppnCount)) - Math.min(...operation.segments.map((s) => s.ppnCount))).toBeLessThanOrEqual(1);
    expect(operation.stunMs).toBeGreaterThan(0);
    expect(operation.predictedStunMs).toBeGreaterThan(0);
    expect(operation.slaBreached).toBe(false);
    expect(operation.phases.map((phase) => phase.name)).toEqual([
      'prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup',
    ]);
    // The agent's phases carry their precise duration; the control plane's prepare keeps its instants only.
    expect(operation.phases.map((phase) => typeof phase.durationMs)).toEqual(['undefined', 'number', 'number', 'number', 'number', 'number']);
    const transfer = operation.phases.find((phase) => phase.name === 'pframe-transfer')!;
    expect(transfer.durationMs!).toBeLessThanOrEqual(Date.parse(transfer.endedAt!) - Date.parse(transfer.startedAt) + 1);

    const after = await memoryOf(vm.id);
    expect(after.vm.pages).toBe(12288 * 256);
    expect(after.vm.carriedOver).toEqual({ pages: 8192 * 256, checksum: before.vm.checksum });
    expect(operation.checksum).toBe(before.vm.checksum);
    expect(after.memory.conflictingMpns).toBe(0);
    expect(after.memory.freeMpns).toBe(before.memory.freeMpns - 4096 * 256);

    const reconfigured = (await stack.http('viewer').get(`/vms/${vm.id}`)).body;
    expect(reconfigured).toMatchObject({ memoryMiB: 12288, vcpus: 12, powerState: 'poweredOn', activeOperationId: null });
    expect((await stack.http().get('/hosts/host-1')).body.used.memoryMiB).toBeGreaterThanOrEqual(12288);

    const history = (await stack.http('viewer').get(`/vms/${vm.id}/history?operationId=${operation.id}&limit=200`)).body.items;
    const phases = history.filter((item: { type: string }) => item.type === 'operation.phase-completed').map((item: { data: { phase: string } }) => item.data.phase);
    expect(phases).toEqual(['prepare', 'suspend', 'device-state-transfer', 'pframe-transfer', 'resume', 'cleanup']);
    expect(history.filter((item: { type: string }) => item.type === 'operation.segment-completed')).toHaveLength(8);
    expect(history.at(-1).type).toBe('vm.operation-ended');
    const hostHistory = (await stack.http('viewer').get(`/hosts/host-1/history?operationId=${operation.id}&limit=200`)).body.items;
    expect(hostHistory.some((item: { type: string }) => item.type === 'operation.switched-over')).toBe(true);
  });

  it('runs legacy mode as one segment on partition 0', async () => {
    const vm = await runningVm();
    const before = await memoryOf(vm.id);
    const operation = await hotAdd(vm.id, { memoryMiB: 8320, mode: 'legacy' });
    expect(operation.state).toBe('succeeded');
    expect(operation.segments).toEqual([expect.objectContaining({ index: 0, partition: 0, ppnCount: 8192 * 256, state: 'done' })]);
    expect((await memoryOf(vm.id)).vm.carriedOver.checksum).toBe(before.vm.checksum);
  });

  it.each(['throw', 'crash-thread'] as const)('retries a segment that fails once (%s) and still succeeds', async (kind) => {
    const vm = await runningVm();
    await stack.injectSegmentFault(vm.id, { segmentIndex: 3, failAttempts: 1, kind });
    const operation = await hotAdd(vm.id, { memoryMiB: 8448 });
    expect(operation.state).toBe('succeeded');
    const segment = (await stack.http('viewer').get(`/vms/${vm.id}/history?type=operation.segment-completed&limit=50`)).body.items
      .map((item: { data: { segment: { index: number; attempts: number } } }) => item.data.segment)
      .find((s: { index: number }) => s.index === 3);
    expect(segment.attempts).toBe(2);
  });

  it.each(['throw', 'crash-thread'] as const)('rolls back when a segment keeps failing (%s): the source runs on unchanged', async (kind) => {
    const vm = await runningVm();
    const before = await memoryOf(vm.id);
    await stack.injectSegmentFault(vm.id, { segmentIndex: 5, failAttempts: 9, kind });
    const operation = await hotAdd(vm.id, { memoryMiB: 9216 });
    expect(operation.state).toBe('rolled-back');
    expect(operation.error?.code).toBe('SEGMENT_TRANSFER_FAILED');
    const after = await memoryOf(vm.id);
    expect(after.vm).toEqual(before.vm);
    expect(after.memory.freeMpns).toBe(before.memory.freeMpns);
    expect((await stack.http('viewer').get(`/vms/${vm.id}`)).body).toMatchObject({ memoryMiB: 8192, powerState: 'poweredOn', activeOperationId: null });
  });

  it('answers VM_BUSY to a second command while an operation runs', async () => {
    const vm = await runningVm();
    const [first, second] = await Promise.all([
      stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 8320 }),
      stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 8448 }),
    ]);
    const statuses = [first.status, second.status].sort();
    expect(statuses).toEqual([202, 409]);
    expect([first, second].find((r) => r.status === 409)?.body.code).toBe('VM_BUSY');
    await stack.waitForOperation([first, second].find((r) => r.status === 202)?.body.operationId);
  });

  it('cancels before the switch-over, or says it is too late; a finished operation cannot be cancelled', async () => {
    const vm = await runningVm();
    const before = await memoryOf(vm.id);
    const accepted = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 16384 });
    const cancel = await stack.http('operator').post(`/operations/${accepted.body.operationId}/cancel`);
    const operation = await stack.waitForOperation(accepted.body.operationId);
    if (cancel.status === 200) {
      expect(operation.state).toBe('cancelled');
      expect((await memoryOf(vm.id)).vm).toEqual(before.vm);
      expect((await stack.http('viewer').get(`/vms/${vm.id}`)).body).toMatchObject({ memoryMiB: 8192, activeOperationId: null });
    } else {
      expect([cancel.status, ['OPERATION_NOT_CANCELLABLE', 'OPERATION_ALREADY_ENDED'].includes(cancel.body.code)]).toEqual([409, true]);
      expect(operation.state).toBe('succeeded');
    }
    const again = await stack.http('operator').post(`/operations/${accepted.body.operationId}/cancel`);
    expect([again.status, again.body.code]).toEqual([409, 'OPERATION_ALREADY_ENDED']);
    expect((await stack.http('operator').post('/operations/00000000-0000-0000-0000-000000000000/cancel')).body.code).toBe('OPERATION_NOT_FOUND');
  });

  it('previews with dryRun and changes nothing', async () => {
    // A size no switch-over of this host had: predicted from the agent's start-up rate.
    const vm = await runningVm({ memoryMiB: 1024 });
    const version = (await stack.http('viewer').get(`/vms/${vm.id}`)).body.version;
    const preview = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 2048, dryRun: true });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ disruption: 'fsr', segments: 8, mode: 'distributed', predictionBasis: 'measured', predictionSamples: 0 });
    expect(preview.body.predictedStunMs).toBeGreaterThan(0);
    const legacy = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 12288, dryRun: true, mode: 'legacy' });
    expect(legacy.body.segments).toBe(1);
    expect((await stack.http('viewer').get(`/vms/${vm.id}`)).body.version).toBe(version);
  });

  it("learns its prediction from the host's own switch-overs alike, and says so in the dry run", async () => {
    // Four times the memory and a quarter of the segments of the other VMs here: none of theirs is alike.
    const vm = await runningVm({ memoryMiB: 32768, vcpus: 2 });
    const first = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 32896, dryRun: true });
    expect(first.body).toMatchObject({ predictionBasis: 'measured', predictionSamples: 0, segments: 2 });

    const ran = [await hotAdd(vm.id, { memoryMiB: 32896 }), await hotAdd(vm.id, { memoryMiB: 33024 })];
    const two = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 33152, dryRun: true });
    expect(two.body).toMatchObject({ predictionBasis: 'measured', predictionSamples: 0 });
    ran.push(await hotAdd(vm.id, { memoryMiB: 33152 }));
    expect(ran.map((operation) => operation.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);

    const learned = (await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 33280, dryRun: true })).body;
    expect(learned).toMatchObject({ predictionBasis: 'learned', predictionSamples: 3, segments: 2 });
    // Each switch-over's stun scaled to this one's PFrames; the prediction is the weighted median of those.
    const pframesOf = (operation: Operation) => operation.segments.reduce((sum, segment) => sum + segment.ppnCount, 0);
    const scaled = ran.map((operation) => Math.round(((operation.stunMs! * (33152 * 256)) / pframesOf(operation)) * 1000) / 1000);
    expect(scaled).toContain(learned.predictedStunMs);
    const started = await hotAdd(vm.id, { memoryMiB: 33280 });
    expect(started.predictedStunMs).toBe(learned.predictedStunMs);
  });

  it('applies vCenter rules, each with its own code', async () => {
    const vm = await runningVm({ cpuHotAddEnabled: false, coresPerSocket: 2 });
    const cases: [object, number, string][] = [
      [{ vcpus: 10 }, 409, 'HOT_ADD_DISABLED'],
      [{ memoryMiB: 4096 }, 409, 'MEMORY_REMOVAL_NOT_SUPPORTED'],
      [{ memoryMiB: 8200 }, 400, 'MEMORY_NOT_MULTIPLE_OF_INCREMENT'],
      [{ memoryMiB: 8192 * 17 }, 409, 'MEMORY_HOT_ADD_LIMIT_EXCEEDED'],
      [{ cpuHotAddEnabled: true }, 409, 'HOT_ADD_SETTING_REQUIRES_POWER_OFF'],
      [{}, 400, 'NOTHING_TO_CHANGE'],
      // Faults are not part of the API: only test agents take them, from Redis.
      [{ memoryMiB: 8320, faultInjection: { segmentIndex: 0, failAttempts: 1, kind: 'throw' } }, 400, 'VALIDATION_FAILED'],
    ];
    for (const [body, status, code] of cases) {
      const response = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, body);
      expect({ body, status: response.status, code: response.body.code }).toEqual({ body, status, code });
    }
  });

  it('reconfigures a powered-off VM without a switch-over', async () => {
    const vm = (await stack.http('operator').post('/vms', {
      name: 'cold', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 2, memoryMiB: 2048, disks: [{ sizeMiB: 1 }],
    })).body;
    const response = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { vcpus: 4, memoryMiB: 4096, cpuHotAddEnabled: true });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ vcpus: 4, memoryMiB: 4096, cpuHotAddEnabled: true, powerState: 'poweredOff' });
    expect((await stack.http('viewer').get(`/operations?vmId=${vm.id}`)).body).toEqual([]);
  });

  it('refuses an operation predicted over the SLA when asked to', async () => {
    const vm = await runningVm();
    const response = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 8320, rejectIfPredictedOverSla: true });
    // The SLA is 1000 ms and an 8 GiB VM predicts a few ms: accepted. The refusal is shown with a tiny SLA below.
    expect(response.status).toBe(202);
    await stack.waitForOperation(response.body.operationId);
  });
});

describe('the stun SLA policy (e2e)', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await TestStack.start({ env: { STUN_SLA_MS: '1' } });
    await stack.http().post('/datastores', { name: 'ds1', capacityGiB: 1 });
  }, 60_000);
  afterAll(() => stack?.close());

  it('refuses with STUN_SLA_WOULD_BE_EXCEEDED when the prediction exceeds the SLA', async () => {
    const vm = (await stack.http('operator').post('/vms', {
      name: 'sla', hostId: 'host-1', datastoreId: 'ds-ds1', vcpus: 1, memoryMiB: 16384, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }],
    })).body;
    await stack.http('operator').post(`/vms/${vm.id}/power`, { action: 'on' });
    const response = await stack.http('operator').post(`/vms/${vm.id}/hot-add`, { memoryMiB: 16512, rejectIfPredictedOverSla: true, mode: 'legacy' });
    expect([response.status, response.body.code]).toEqual([409, 'STUN_SLA_WOULD_BE_EXCEEDED']);
    expect((await stack.http('viewer').get(`/operations?vmId=${vm.id}`)).body).toEqual([]);
  });
});

import { eventually } from './support/eventually';
import { readModels, streamsWithGaps } from './support/fault-scenario';
import { TestStack } from './support/test-stack';

const HOSTS = ['host-1', 'host-2', 'host-3'];
const VMS = 50;
const OPERATIONS_PER_VM = 4;
const TERMINAL = ['succeeded', 'failed', 'cancelled', 'rolled-back'];

interface Operation {
  id: string;
  kind: string;
  state: string;
  stunMs: number | null;
  error?: { code: string };
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * 200 operations (hot-adds and relocations, alternating) over 50 small powered-on VMs on 3 host agents,
 * all VMs at once; then the invariants: every operation ended, racing commands refused once, no MPN
 * owned twice, every stream contiguous, projections equal to a rebuild.
 */
describe('load: 200 concurrent operations over 50 VMs on 3 hosts (e2e)', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await TestStack.start({ hosts: HOSTS, env: { HEARTBEAT_TIMEOUT_MS: '20000' }, agentEnv: { HOST_MEMORY_MIB: '8192', WORKER_THREADS: '1' } });
    for (const name of ['gold', 'bronze']) await stack.http().post('/datastores', { name, capacityGiB: 4 });
  }, 90_000);
  afterAll(() => stack?.close(), 30_000);

  it('ends every operation, keeps every invariant, and reports duration and p99 stun', async () => {
    const operator = stack.http('operator');
    const vms: string[] = [];
    for (let index = 0; index < VMS; index++) {
      const spec = { name: `load-${index}`, hostId: HOSTS[index % HOSTS.length], datastoreId: 'ds-gold', vcpus: 1, memoryMiB: 128, cpuHotAddEnabled: true, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }] };
      const created = await operator.post('/vms', spec);
      expect(created.status).toBe(201);
      expect((await operator.post(`/vms/${created.body.id}/power`, { action: 'on' })).status).toBe(200);
      vms.push(created.body.id);
    }

    const startedAt = Date.now();
    const refusals: string[] = [];
    const operationIds = (
      await Promise.all(
        vms.map(async (vmId) => {
          const ids: string[] = [];
          for (let step = 0; step < OPERATIONS_PER_VM; step++) {
            const body =
              step % 2 === 0
                ? { vcpus: 1 + (step + 2) / 2, memoryMiB: 128 * (2 + step / 2) }
                : { datastoreId: step === 1 ? 'ds-bronze' : 'ds-gold' };
            const path = step % 2 === 0 ? `/vms/${vmId}/hot-add` : `/vms/${vmId}/relocate`;
            // The first command on each VM races a twin carrying the same If-Match: exactly one may win.
            const etag = step === 0 ? (await stack.http('viewer').get(`/vms/${vmId}`)).headers.etag : undefined;
            const send = () => (etag ? operator.post(path, body).set('If-Match', etag) : operator.post(path, body));
            const [first, racer] = await Promise.all([send(), etag ? send() : Promise.resolve(null)]);
            const answers = racer ? [first, racer] : [first];
            const accepted = answers.filter((answer) => answer.status === 202);
            if (accepted.length !== 1) throw new Error(`${path} ${JSON.stringify(body)}: ${answers.map((answer) => `${answer.status} ${JSON.stringify(answer.body)}`).join(', ')}`);
            const refused = answers.find((answer) => answer.status !== 202);
            if (refused) refusals.push(`${refused.status} ${refused.body.code}`);
            ids.push(accepted[0].body.operationId);
            await eventually(
              () => stack.http('viewer').get(`/operations/${accepted[0].body.operationId}`),
              (response) => TERMINAL.includes(response.body.state),
              { what: 'the operation to end', timeoutMs: 120_000, intervalMs: 500 },
            );
          }
          return ids;
        }),
      )
    ).flat();
    const durationMs = Date.now() - startedAt;

    const operations = (await stack.http('viewer').get('/operations?limit=500')).body as Operation[];
    const ours = operations.filter((operation) => operationIds.includes(operation.id));
    expect(ours).toHaveLength(VMS * OPERATIONS_PER_VM);
    expect(ours.filter((operation) => !TERMINAL.includes(operation.state))).toEqual([]);
    expect(ours.filter((operation) => operation.state !== 'succeeded' && !operation.error?.code)).toEqual([]);
    expect(refusals.filter((refusal) => refusal !== '409 VM_BUSY' && refusal !== '409 WRONG_EXPECTED_VERSION')).toEqual([]);
    expect(refusals).toHaveLength(VMS);

    for (const hostId of HOSTS) {
      expect((await stack.http('viewer').get(`/hosts/${hostId}/memory`)).body.conflictingMpns).toBe(0);
    }
    expect(await streamsWithGaps(stack.databaseUrl)).toEqual([]);
    const live = await readModels(stack);
    expect((await stack.http().post('/admin/projections/rebuild')).status).toBe(200);
    expect(await readModels(stack)).toEqual(live);

    const stuns = ours.flatMap((operation) => (operation.stunMs === null ? [] : [operation.stunMs]));
    const byState = Object.fromEntries(TERMINAL.map((state) => [state, ours.filter((operation) => operation.state === state).length]));
    process.stdout.write(
      `load: ${ours.length} operations in ${durationMs} ms; ${JSON.stringify(byState)}; stun p50 ${percentile(stuns, 50)} ms, p99 ${percentile(stuns, 99)} ms, max ${Math.max(...stuns)} ms\n`,
    );
    expect(byState.succeeded).toBeGreaterThan(0);
  }, 240_000);
});

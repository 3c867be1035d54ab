import { Client } from 'pg';
import { eventually } from './eventually';
import { TestStack } from './test-stack';

let vmSeq = 0;

/** A powered-on VM on ds1 (1 GiB, 4 vCPUs, memory hot-add enabled), as the fault tests start from. */
export async function runningVm(stack: TestStack, hostId = 'host-1'): Promise<{ id: string }> {
  const spec = { name: `vm-${++vmSeq}`, hostId, datastoreId: 'ds-ds1', vcpus: 4, memoryMiB: 1024, memoryHotAddEnabled: true, disks: [{ sizeMiB: 1 }] };
  const created = await stack.http('operator').post('/vms', spec);
  if (created.status !== 201) throw new Error(`creating ${spec.name}: ${created.status} ${JSON.stringify(created.body)}`);
  const powered = await stack.http('operator').post(`/vms/${created.body.id}/power`, { action: 'on' });
  if (powered.status !== 200) throw new Error(`powering on ${spec.name}: ${powered.status} ${JSON.stringify(powered.body)}`);
  return created.body;
}

/** Requests a hot-add and returns its operation id (fails unless it was accepted). */
export async function startHotAdd(stack: TestStack, vmId: string, body: object): Promise<string> {
  const accepted = await stack.http('operator').post(`/vms/${vmId}/hot-add`, body);
  if (accepted.status !== 202) throw new Error(`hot-add of ${vmId}: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return accepted.body.operationId;
}

/** Streams whose versions do not run 0..n-1 without a gap or a repeat. */
export async function streamsWithGaps(databaseUrl: string): Promise<string[]> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query<{ stream_id: string }>(
      'SELECT stream_id FROM events GROUP BY stream_id HAVING min(stream_version) <> 0 OR max(stream_version) <> count(*) - 1',
    );
    return rows.map((row) => row.stream_id);
  } finally {
    await db.end();
  }
}

/** Every list the read models serve, to compare before and after a rebuild. */
export async function readModels(stack: TestStack) {
  return {
    hosts: (await stack.http().get('/hosts?limit=500')).body,
    datastores: (await stack.http().get('/datastores?limit=500')).body,
    vms: (await stack.http().get('/vms?limit=500')).body,
    operations: (await stack.http().get('/operations?limit=500')).body,
  };
}

/** What host-1's agent holds: its memory summary and the given VM's entry in it. */
export async function heldByAgent(stack: TestStack, vmId: string, hostId = 'host-1') {
  const memory = (await stack.http().get(`/hosts/${hostId}/memory`)).body;
  return { memory, vm: memory.vms.find((vm: { vmId: string }) => vm.vmId === vmId) };
}

/** Resolves once the operation is in `phase` (as the read model shows it). */
export function untilPhase(stack: TestStack, operationId: string, phase: string) {
  return eventually(
    () => stack.http('viewer').get(`/operations/${operationId}`),
    (response) => response.body.phase === phase,
    { what: `the ${phase} phase` },
  );
}

/** Resolves once the log holds the operation's point of no cancel: the stun is under way. */
export function untilSwitchoverStarted(stack: TestStack, vmId: string, operationId: string) {
  return eventually(
    () => stack.http('viewer').get(`/vms/${vmId}/history?type=operation.switchover-started&operationId=${operationId}`),
    (response) => response.body.items?.length === 1,
    { what: 'the switch-over to start' },
  );
}

/**
 * Starts a hot-add while host-1's agent is stopped (SIGSTOP), so its prepare cannot be taken; runs `fault`
 * with the operation in its prepare phase, then lets the agent go on. Returns the operation id.
 */
export async function hotAddCaughtInPrepare(stack: TestStack, vmId: string, body: object, fault: () => Promise<void>): Promise<string> {
  const agent = stack.agents.get('host-1')!;
  agent.signal('SIGSTOP');
  try {
    const operationId = await startHotAdd(stack, vmId, body);
    await untilPhase(stack, operationId, 'prepare');
    await fault();
    return operationId;
  } finally {
    agent.signal('SIGCONT');
  }
}

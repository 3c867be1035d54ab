import { randomUUID } from 'node:crypto';
import { HostAgent } from '../host-agent';
import { PartitionQueues } from '../fsr/partition-queues';
import { discardCommanded } from '../fsr/discard-commanded';
import { prepareSwitchover } from '../fsr/switchover-preparer';
import { powerOff, powerOn, powerOnCommanded } from '../vm/vm-power';
import { removePrefix, segmentsFor } from '../../test/harness';
import { startTestAgent } from '../../test/in-process-agent';

/** A command waiting while the copy threads commit a new table can be cancelled meanwhile, and stays cancelled. */
describe('commands cancelled while their table is committed', () => {
  const prefix = `test-${randomUUID()}`;
  let agent: HostAgent;
  // Never reached: a cancelled prepare stops before it queues its segment jobs.
  const noPartitions = null as unknown as PartitionQueues;

  beforeAll(async () => {
    agent = await startTestAgent(prefix, { HOST_MEMORY_MIB: '16384' });
  });
  afterAll(async () => {
    await agent.stop();
    await removePrefix(prefix);
  });

  it('refuses a prepare discarded while its table was committed: no destination, the VM not busy, no MPN taken', async () => {
    powerOn(agent.context, { vmId: 'vm-p', vcpus: 2, memoryMiB: 1024, disks: [] });
    const freeBefore = agent.context.pool.freeCount;
    const command = { operationId: 'op-p', epoch: 1, vmId: 'vm-p', mode: 'distributed' as const, targetVcpus: 2, targetMemoryMiB: 2048, segments: segmentsFor(1024 * 256, 2) };

    const preparing = prepareSwitchover(agent.context, noPartitions, command);
    await discardCommanded(agent.context, { operationId: 'op-p' });

    await expect(preparing).rejects.toMatchObject({ code: 'SWITCHOVER_DISCARDED', message: expect.stringMatching(/switch-over op-p was discarded by the control plane while its table was committed/) });
    expect(agent.context.switchovers.has('op-p')).toBe(false);
    expect(agent.context.vms.get('vm-p')!.busyWith).toBeNull();
    expect(agent.context.pool.freeCount).toBe(freeBefore);
  });

  it('lets a discard of an earlier epoch pass a prepare of a later one', async () => {
    await discardCommanded(agent.context, { operationId: 'op-p' });
    const command = { operationId: 'op-q', epoch: 3, vmId: 'vm-p', mode: 'distributed' as const, targetVcpus: 2, targetMemoryMiB: 2048, segments: segmentsFor(1024 * 256, 2) };
    const preparing = prepareSwitchover(agent.context, noPartitions, command).catch((error: Error) => error);
    await discardCommanded(agent.context, { operationId: 'op-q', epoch: 2 });
    // It goes on past the commit: here it fails only at queuing its jobs, on purpose.
    expect(((await preparing) as Error).message).not.toMatch(/while its table was committed/);
  });

  it('refuses a power-on powered off while its table was committed: the VM stays off, no MPN taken', async () => {
    const freeBefore = agent.context.pool.freeCount;
    const poweringOn = powerOnCommanded(agent.context, { vmId: 'vm-o', vcpus: 2, memoryMiB: 2048, disks: [] });
    await powerOff(agent.context, 'vm-o');

    await expect(poweringOn).rejects.toMatchObject({ code: 'SWITCHOVER_DISCARDED', message: expect.stringMatching(/the power-on of VM vm-o was powered off while its table was committed/) });
    expect(agent.context.vms.has('vm-o')).toBe(false);
    expect(agent.context.pool.freeCount).toBe(freeBefore);
  });

  it('refuses a power-on that does not fit the host, and hosts nothing', async () => {
    await expect(powerOnCommanded(agent.context, { vmId: 'vm-big', vcpus: 2, memoryMiB: 65536, disks: [] })).rejects.toMatchObject({ code: 'AGENT_OUT_OF_MPNS' });
    expect(agent.context.vms.has('vm-big')).toBe(false);
  });
});

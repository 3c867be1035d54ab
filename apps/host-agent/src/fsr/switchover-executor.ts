import { HOST_AGENT_ERROR_CODES, SwitchoverResult, TIMEOUTS } from '@fsr/contracts';
import { SegmentResult } from '@fsr/domain';
import { withTimeout } from '@fsr/redis-plumbing';
import { AgentContext } from '../agent-context';
import { refuse } from '../commands/agent-refusal';
import { HostedVm } from '../vm/hosted-vm';
import { requireVm } from '../vm/vm-power';
import { transferDeviceState } from './device-state-transfer';
import { PhaseClock } from './phase-clock';
import { PreparedSwitchover } from './prepared-switchover';
import { ChecksumMismatchError, verifySegments } from './segment-verification';
import { discardSwitchover } from './switchover-discard';
import { discardDiskCopy, finishDiskCopy } from '../storage/copy-disks';

/** Segment attempts run inside the stun; past this the switch-over gives up and rolls back. */

/**
 * The stun: suspend the source, hand over device state, release the armed segments and await their
 * copies (in-process), verify the checksums, resume on the destination. Any failure in the transfer
 * resumes the source instead, with its table untouched.
 */
export async function executeSwitchover(context: AgentContext, operationId: string, epoch: number): Promise<SwitchoverResult> {
  const switchover = context.switchovers.get(operationId);
  if (!switchover || switchover.epoch !== epoch || switchover.phase !== 'prepared') {
    const state = switchover ? `${switchover.phase}, epoch ${switchover.epoch}` : 'unknown';
    throw refuse(HOST_AGENT_ERROR_CODES.notPrepared, `switch-over ${operationId} epoch ${epoch} is not prepared (${state})`);
  }
  const vm = requireVm(context, switchover.vmId);
  if (switchover.expiry) clearTimeout(switchover.expiry);
  // Executing from the first await on: a discard or power-off arriving during the suspend is refused.
  switchover.phase = 'executing';
  const clock = new PhaseClock();
  await context.segmentCopier.ready?.(switchover);

  try {
    await clock.time('suspend', async () => {
      await vm.workload.suspend();
      vm.status = 'suspended';
    });
    await clock.time('device-state-transfer', () => transferDeviceState(switchover));
  } catch (error) {
    switchover.callOffReadyCopies();
    throw error;
  }
  let segments: SegmentResult[];
  let checksum: string;
  try {
    [segments, checksum] = await clock.time('pframe-transfer', async () => {
      switchover.releaseSegments();
      const done = await withTimeout(switchover.segmentsDone(), TIMEOUTS.pframeTransferMs, 'segments did not finish in time');
      return [done, verifySegments(switchover.command.segments, done)] as const;
    });
  } catch (error) {
    return rollBack(context, switchover, vm, clock, error as Error);
  }
  await clock.time('resume', () => {
    vm.instance = switchover.destination;
    vm.carriedOverPages = switchover.sourcePages;
    if (switchover.command.targetDisks) vm.workload.retarget(switchover.command.targetDisks);
    vm.status = 'running';
    vm.workload.resume();
  });
  switchover.endStun();
  // Out of the stun (O(chunks): ~30 ms per 100 GiB of disk): since the suspend nothing writes the source
  // files any more (from the resume on the guest writes to the copies), so these are the switch-over's digests.
  const disks = context.diskCopies.get(operationId)?.mirrors.map((mirror) => mirror.contentHash());
  await clock.time('cleanup', async () => {
    // The source is powered off and deleted by dropping it; its MPNs now belong to the destination.
    switchover.phase = 'finished';
    context.switchovers.delete(operationId);
    vm.busyWith = null;
    await finishDiskCopy(context, operationId);
  });
  return ended(context, switchover, {
    outcome: 'switched-over',
    suspendedAt: clock.startOf('suspend')!,
    resumedAt: clock.endOf('resume')!,
    phases: clock.phases,
    segments,
    checksum,
    ...(disks ? { disks } : {}),
  });
}

function ended(context: AgentContext, switchover: PreparedSwitchover, result: SwitchoverResult): SwitchoverResult {
  context.endedSwitchovers.record(switchover.operationId, switchover.epoch, result);
  return result;
}

async function rollBack(
  context: AgentContext,
  switchover: PreparedSwitchover,
  vm: HostedVm,
  clock: PhaseClock,
  error: Error,
): Promise<SwitchoverResult> {
  const code =
    error instanceof ChecksumMismatchError ? HOST_AGENT_ERROR_CODES.checksumMismatch : HOST_AGENT_ERROR_CODES.segmentFailed;
  const segments = switchover.completedSegments();
  await clock.time('resume', () => {
    vm.status = 'running';
    vm.workload.resume();
  });
  await clock.time('cleanup', async () => {
    discardSwitchover(context, switchover, `rolled back: ${error.message}`);
    await discardDiskCopy(context, switchover.operationId, `rolled back: ${error.message}`);
  });
  return ended(context, switchover, {
    outcome: 'rolled-back',
    suspendedAt: clock.startOf('suspend'),
    resumedAt: clock.endOf('resume'),
    phases: clock.phases,
    segments,
    cause: { code, message: error.message },
  });
}

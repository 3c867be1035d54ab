import {
  HOST_AGENT_ERROR_CODES,
  PrepareSwitchoverCommand,
  PrepareSwitchoverResult,
  segmentJobId,
  TIMEOUTS,
} from '@fsr/contracts';
import { pagesForMiB } from '@fsr/domain';
import { withTimeout } from '@fsr/redis-plumbing';
import { AgentContext } from '../agent-context';
import { refuse } from '../commands/agent-refusal';
import { PartitionQueues } from './partition-queues';
import { PreparedSwitchover } from './prepared-switchover';
import { buildDestination, checkDestination } from './destination-builder';
import { preparingKey } from './discard-commanded';
import { committedTable } from '../commands/pending-commits';
import { discardSwitchover } from './switchover-discard';

export const SEGMENT_ATTEMPTS = 3;
const HOUR_S = 3600;

const resultOf = (switchover: PreparedSwitchover): PrepareSwitchoverResult => ({
  preparedAt: switchover.preparedAt,
  destinationPages: switchover.destination.table.pages,
  freshPages: switchover.freshPages,
});

/**
 * Builds the ghost destination before any stun: a touched table, fresh MPNs for hot-added pages, and
 * one segment job per vCPU share, queued and held armed by its partition's worker.
 */
export async function prepareSwitchover(
  context: AgentContext,
  partitions: PartitionQueues,
  command: Omit<PrepareSwitchoverCommand, 'type'>,
): Promise<PrepareSwitchoverResult> {
  const already = preparedBefore(context, command);
  if (already) return already;
  checkDestination(context, command);
  const table = await committedTable(context, pagesForMiB(command.targetMemoryMiB), preparingKey(command.operationId), command.epoch, `switch-over ${command.operationId}`);
  // Asked again meanwhile (a redelivered prepare): the first one's answer.
  const meanwhile = preparedBefore(context, command);
  if (meanwhile) return meanwhile;
  const switchover = buildDestination(context, command, table);
  try {
    await enqueueSegments(partitions, switchover);
    await Promise.all([
      withTimeout(switchover.whenAllArmed(), TIMEOUTS.armSegmentsMs, 'segment jobs were not picked up in time'),
      takeSourceChecksums(context, switchover),
      context.segmentCopier.prepared?.(switchover),
    ]);
  } catch (error) {
    discardSwitchover(context, switchover, (error as Error).message);
    throw refuse(HOST_AGENT_ERROR_CODES.notPrepared, (error as Error).message);
  }
  switchover.phase = 'prepared';
  switchover.expiry = setTimeout(
    () => discardSwitchover(context, switchover, 'not executed within PREPARE_TTL_MS'),
    context.settings.prepareTtlMs,
  ).unref();
  return resultOf(switchover);
}

/**
 * The answer when this switch-over is prepared already; a refusal when it is busy or prepared under a later
 * epoch; an earlier epoch's destination is discarded. Undefined: build it.
 */
function preparedBefore(context: AgentContext, command: Omit<PrepareSwitchoverCommand, 'type'>): PrepareSwitchoverResult | undefined {
  const existing = context.switchovers.get(command.operationId);
  if (existing?.epoch === command.epoch && existing.phase === 'prepared') return resultOf(existing);
  if (existing && existing.phase !== 'prepared') {
    throw refuse(HOST_AGENT_ERROR_CODES.vmBusy, `switch-over ${command.operationId} is ${existing.phase}`);
  }
  // A run that lost its lease may still send its older prepare: it never replaces a later epoch's destination.
  if (existing && existing.epoch > command.epoch) {
    throw refuse(HOST_AGENT_ERROR_CODES.notPrepared, `switch-over ${command.operationId} is prepared under epoch ${existing.epoch}, later than ${command.epoch}`);
  }
  if (existing) discardSwitchover(context, existing, `superseded by epoch ${command.epoch}`);
  return undefined;
}

async function enqueueSegments(partitions: PartitionQueues, switchover: PreparedSwitchover): Promise<void> {
  const { operationId, epoch, segments, vmId } = switchover.command;
  const jobs = await Promise.all(
    segments.map((segment) =>
      partitions.add(
        segment.partition,
        { operationId, epoch, segment, vmId },
        {
          jobId: segmentJobId(operationId, epoch, segment.index),
          attempts: SEGMENT_ATTEMPTS,
          backoff: 0,
          removeOnComplete: { age: HOUR_S },
          removeOnFail: { age: 24 * HOUR_S },
        },
      ),
    ),
  );
  const states = await Promise.all(jobs.map((job) => job.getState()));
  if (states.some((state) => state === 'completed' || state === 'failed')) {
    throw new Error(`segment jobs of ${operationId} epoch ${epoch} already ran: prepare with a new epoch`);
  }
  for (const partition of new Set(segments.map((segment) => segment.partition))) partitions.drain(partition);
}

/**
 * Half the checksum work leaves the stun: each segment's source CRC is taken now, on the copy threads,
 * with the table's write tracking started first; a segment the guest writes to before the suspend is
 * checksummed again inside the stun.
 */
async function takeSourceChecksums(context: AgentContext, switchover: PreparedSwitchover): Promise<void> {
  const table = switchover.source.table;
  table.trackWrites(0, table.pages);
  const checksums = await Promise.all(
    switchover.command.segments.map((segment) =>
      context.copyPool.checksumSource({ source: table.buffer, ppnStart: segment.ppnStart, ppnCount: segment.ppnCount }),
    ),
  );
  switchover.setSourceChecksums(checksums);
}

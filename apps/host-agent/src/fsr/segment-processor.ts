import { describeProblems, encodeAgentError, HOST_AGENT_ERROR_CODES, segmentJobDataSchema } from '@fsr/contracts';
import { SegmentResult } from '@fsr/domain';
import { Job, UnrecoverableError } from 'bullmq';
import { AgentContext } from '../agent-context';

/**
 * A vCPU's share of the transfer. It takes its job before the stun and holds it armed; once the
 * switch-over releases it (in-process), it copies on a copy thread and reports to the coordinator, and
 * completes its job once the stun is over, so no job completion reaches Redis inside the stun.
 * A thrown attempt is retried by BullMQ; the last failed attempt also tells the coordinator.
 */
export const segmentProcessor =
  (context: AgentContext) =>
  async (job: Job<unknown>): Promise<SegmentResult> => {
    const read = segmentJobDataSchema.safeParse(job.data);
    if (!read.success) {
      throw new UnrecoverableError(encodeAgentError(HOST_AGENT_ERROR_CODES.invalidCommand, `malformed segment job: ${describeProblems(read.error)}`));
    }
    const { operationId, epoch, segment } = read.data;
    const switchover = context.switchovers.get(operationId);
    if (!switchover || switchover.epoch !== epoch) {
      throw new UnrecoverableError(
        encodeAgentError(HOST_AGENT_ERROR_CODES.notPrepared, `no switch-over ${operationId} epoch ${epoch} here`),
      );
    }
    try {
      await switchover.arm(segment.index);
    } catch (error) {
      throw new UnrecoverableError(encodeAgentError(HOST_AGENT_ERROR_CODES.cancelled, (error as Error).message));
    }
    const attempt = job.attemptsMade + 1;
    try {
      const outcome = await context.segmentCopier.copy(switchover, segment, attempt);
      const result = switchover.segmentSucceeded(segment.index, outcome, attempt);
      // Completing the job is a Redis round trip per segment: it waits until the VM runs again.
      await switchover.whenStunOver();
      return result;
    } catch (error) {
      if (attempt >= (job.opts.attempts ?? 1)) switchover.segmentFailed(segment.index, attempt, (error as Error).message);
      throw error;
    }
  };

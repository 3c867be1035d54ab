import { DomainError, ErrorKind } from '@fsr/domain';
import { HOST_AGENT_ERROR_CODES } from './host-agent-errors';

export const HOST_AGENT_UNAVAILABLE = 'HOST_AGENT_UNAVAILABLE';
export const HOST_AGENT_JOB_LOST = 'HOST_AGENT_JOB_LOST';
export const HOST_AGENT_BAD_ANSWER = 'HOST_AGENT_BAD_ANSWER';

const KIND_BY_AGENT_CODE: Record<string, ErrorKind> = {
  [HOST_AGENT_ERROR_CODES.vmNotFound]: 'not-found',
  [HOST_AGENT_ERROR_CODES.outOfMemory]: 'conflict',
  [HOST_AGENT_ERROR_CODES.notPrepared]: 'conflict',
  [HOST_AGENT_ERROR_CODES.cancelled]: 'conflict',
  [HOST_AGENT_ERROR_CODES.vmBusy]: 'conflict',
  [HOST_AGENT_ERROR_CODES.invalidCommand]: 'invalid',
};

/** No host agent answered the command in time (agent down, host unknown or Redis unreachable). */
export class HostAgentUnavailableError extends DomainError {
  readonly code: string = HOST_AGENT_UNAVAILABLE;
  readonly kind = 'unavailable' as const;

  constructor(
    readonly hostId: string,
    reason: string,
  ) {
    super(`host agent ${hostId} is unavailable: ${reason}`, { hostId });
  }
}

/**
 * The command's job vanished from Redis before it finished (Redis restarted without persistence): whether
 * the agent ran it is unknown, as with any unanswered command.
 */
export class HostAgentJobLostError extends HostAgentUnavailableError {
  override readonly code = HOST_AGENT_JOB_LOST;

  constructor(hostId: string, commandType: string) {
    super(hostId, `the ${commandType} job vanished from Redis (restarted?)`);
  }
}

/** The host agent refused the command; `code` is the agent's (HOST_AGENT_ERROR_CODES). */
export class HostAgentRejectedError extends DomainError {
  readonly kind: ErrorKind;

  constructor(
    readonly hostId: string,
    readonly code: string,
    message: string,
  ) {
    super(message, { hostId, agentCode: code });
    this.kind = KIND_BY_AGENT_CODE[code] ?? 'unavailable';
  }
}

/**
 * The agent answered, but not in the shape its command promises (an agent of another version, a job
 * edited in Redis): what it did is as unknown as if it had not answered.
 */
export class HostAgentBadAnswerError extends HostAgentUnavailableError {
  override readonly code = HOST_AGENT_BAD_ANSWER;

  constructor(hostId: string, commandType: string, problems: string) {
    super(hostId, `its answer to ${commandType} does not read as one (${problems})`);
  }
}

import { HOST_AGENT_ERROR_CODES } from '@fsr/contracts';

export type AgentErrorCode = (typeof HOST_AGENT_ERROR_CODES)[keyof typeof HOST_AGENT_ERROR_CODES];

/** A command the agent refuses; the commands worker turns it into an UnrecoverableError with an encoded code. */
export class AgentRefusalError extends Error {
  constructor(
    readonly code: AgentErrorCode,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export const refuse = (code: AgentErrorCode, message: string): AgentRefusalError => new AgentRefusalError(code, message);

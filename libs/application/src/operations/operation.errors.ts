import { DomainError } from '@fsr/domain';

export class StunSlaWouldBeExceededError extends DomainError {
  readonly code = 'STUN_SLA_WOULD_BE_EXCEEDED';
  readonly kind = 'conflict';

  constructor(predictedStunMs: number, slaMs: number) {
    super(`the predicted stun of ${predictedStunMs.toFixed(1)} ms exceeds the SLA of ${slaMs} ms`, { predictedStunMs, slaMs });
  }
}

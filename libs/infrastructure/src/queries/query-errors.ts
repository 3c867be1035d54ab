import { DomainError } from '@fsr/domain';

/** A query parameter that cannot be understood (bad time, cursor or limit). */
export class InvalidQueryError extends DomainError {
  readonly code = 'VALIDATION_FAILED';
  readonly kind = 'invalid';
  constructor(field: string, problem: string) {
    super(`Invalid request: ${field}`, { problems: [{ field, problems: [problem] }] });
  }
}

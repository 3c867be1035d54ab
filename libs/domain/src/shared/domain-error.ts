export type ErrorKind = 'invalid' | 'not-found' | 'conflict' | 'unavailable';

/** Base of every rule violation; the HTTP edge maps `kind` to a status and keeps `code` stable. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: ErrorKind;

  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The standard error types of the vSphere Automation API (`VapiStdErrorsErrorType`). */
export const ERROR_TYPES = [
  'ERROR',
  'ALREADY_EXISTS',
  'ALREADY_IN_DESIRED_STATE',
  'CANCELED',
  'CONCURRENT_CHANGE',
  'FEATURE_IN_USE',
  'INTERNAL_SERVER_ERROR',
  'INVALID_ARGUMENT',
  'INVALID_ELEMENT_CONFIGURATION',
  'INVALID_ELEMENT_TYPE',
  'INVALID_REQUEST',
  'NOT_ALLOWED_IN_CURRENT_STATE',
  'NOT_FOUND',
  'OPERATION_NOT_FOUND',
  'RESOURCE_BUSY',
  'RESOURCE_IN_USE',
  'RESOURCE_INACCESSIBLE',
  'SERVICE_UNAVAILABLE',
  'TIMED_OUT',
  'UNABLE_TO_ALLOCATE_RESOURCE',
  'UNAUTHENTICATED',
  'UNAUTHORIZED',
  'UNEXPECTED_INPUT',
  'UNSUPPORTED',
  'UNVERIFIED_PEER',
] as const;

export type ErrorType = (typeof ERROR_TYPES)[number];

const STATUS: Partial<Record<ErrorType, number>> = {
  NOT_FOUND: 404,
  UNAUTHENTICATED: 401,
  UNAUTHORIZED: 403,
  SERVICE_UNAVAILABLE: 503,
  ERROR: 500,
  INTERNAL_SERVER_ERROR: 500,
  RESOURCE_INACCESSIBLE: 500,
  TIMED_OUT: 504,
};

/** vCenter answers 400 for every error type its tables do not give another status. */
export const statusOf = (type: ErrorType): number => STATUS[type] ?? 400;

/** A refusal in the vSphere dialect: its type, a message saying why, and the message id and args. */
export class VsphereError extends Error {
  constructor(
    readonly type: ErrorType,
    message: string,
    readonly messageId = `fsr.${type.toLowerCase()}`,
    readonly args: readonly string[] = [],
  ) {
    super(message);
    this.name = 'VsphereError';
  }

  get status(): number {
    return statusOf(this.type);
  }
}

export const invalidArgument = (message: string, args: readonly string[] = []) =>
  new VsphereError('INVALID_ARGUMENT', message, 'fsr.invalid_argument', args);

export const notFound = (what: string, id: string) =>
  new VsphereError('NOT_FOUND', `${what} ${id} was not found`, 'fsr.not_found', [id]);

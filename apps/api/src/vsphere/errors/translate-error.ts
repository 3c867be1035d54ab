import { mapError } from '../../http/errors/error-mapping';
import { ErrorType, statusOf, VsphereError } from './vsphere-error';

export interface TranslatedError {
  readonly status: number;
  readonly type: ErrorType;
  readonly id: string;
  readonly message: string;
  readonly args: readonly string[];
  readonly serverFault: boolean;
}

/** Our stable codes (libs/domain/README.md and the HTTP layer's) as the spec's error types. */
const TYPE_BY_CODE: Record<string, ErrorType> = {
  VM_INVALID_POWER_STATE: 'NOT_ALLOWED_IN_CURRENT_STATE',
  HOT_ADD_SETTING_REQUIRES_POWER_OFF: 'NOT_ALLOWED_IN_CURRENT_STATE',
  VCPU_REMOVAL_NOT_SUPPORTED: 'NOT_ALLOWED_IN_CURRENT_STATE',
  MEMORY_REMOVAL_NOT_SUPPORTED: 'NOT_ALLOWED_IN_CURRENT_STATE',
  HOT_ADD_DISABLED: 'NOT_ALLOWED_IN_CURRENT_STATE',
  HOST_IN_MAINTENANCE: 'NOT_ALLOWED_IN_CURRENT_STATE',
  HOST_DISCONNECTED: 'NOT_ALLOWED_IN_CURRENT_STATE',
  HOST_HAS_POWERED_ON_VMS: 'NOT_ALLOWED_IN_CURRENT_STATE',
  OPERATION_ALREADY_ENDED: 'NOT_ALLOWED_IN_CURRENT_STATE',
  OPERATION_NOT_CANCELLABLE: 'NOT_ALLOWED_IN_CURRENT_STATE',
  OPERATION_SWITCHOVER_NOT_STARTED: 'NOT_ALLOWED_IN_CURRENT_STATE',
  STUN_SLA_WOULD_BE_EXCEEDED: 'NOT_ALLOWED_IN_CURRENT_STATE',
  VM_NAME_TAKEN: 'ALREADY_EXISTS',
  VM_BUSY: 'RESOURCE_BUSY',
  OPERATION_SWITCHOVER_IN_PROGRESS: 'RESOURCE_BUSY',
  IDEMPOTENCY_KEY_IN_USE: 'RESOURCE_BUSY',
  TOO_MANY_REQUESTS: 'RESOURCE_BUSY',
  HOST_CAPACITY_EXCEEDED: 'UNABLE_TO_ALLOCATE_RESOURCE',
  HOST_CPU_EXCEEDED: 'UNABLE_TO_ALLOCATE_RESOURCE',
  DATASTORE_CAPACITY_EXCEEDED: 'UNABLE_TO_ALLOCATE_RESOURCE',
  MEMORY_HOT_ADD_LIMIT_EXCEEDED: 'UNABLE_TO_ALLOCATE_RESOURCE',
  INVALID_HARDWARE: 'INVALID_ARGUMENT',
  INVALID_CAPACITY: 'INVALID_ARGUMENT',
  INVALID_WORKLOAD: 'INVALID_ARGUMENT',
  MEMORY_NOT_MULTIPLE_OF_INCREMENT: 'INVALID_ARGUMENT',
  VCPUS_NOT_MULTIPLE_OF_CORES_PER_SOCKET: 'INVALID_ARGUMENT',
  NOTHING_TO_CHANGE: 'INVALID_ARGUMENT',
  VALIDATION_FAILED: 'INVALID_ARGUMENT',
  MALFORMED_JSON: 'INVALID_ARGUMENT',
  BAD_REQUEST: 'INVALID_ARGUMENT',
  PAYLOAD_TOO_LARGE: 'INVALID_ARGUMENT',
  UNSUPPORTED_MEDIA_TYPE: 'INVALID_ARGUMENT',
  IDEMPOTENCY_KEY_REUSED: 'INVALID_ARGUMENT',
  WRONG_EXPECTED_VERSION: 'CONCURRENT_CHANGE',
  OPERATION_CANCELLED: 'CANCELED',
  UNAUTHORIZED: 'UNAUTHENTICATED',
  FORBIDDEN: 'UNAUTHORIZED',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_ALLOWED: 'OPERATION_NOT_FOUND',
  DATABASE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  REDIS_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  HOST_AGENT_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  SERVICE_UNAVAILABLE: 'SERVICE_UNAVAILABLE',
  INTERNAL_ERROR: 'INTERNAL_SERVER_ERROR',
};

function typeOf(code: string, status: number): ErrorType {
  if (TYPE_BY_CODE[code]) return TYPE_BY_CODE[code];
  if (code.endsWith('_NOT_FOUND')) return 'NOT_FOUND';
  if (code.endsWith('_ALREADY_EXISTS')) return 'ALREADY_EXISTS';
  if (status === 503) return 'SERVICE_UNAVAILABLE';
  if (status >= 500) return 'ERROR';
  return status === 409 ? 'NOT_ALLOWED_IN_CURRENT_STATE' : 'INVALID_ARGUMENT';
}

const argsOf = (details: unknown): string[] =>
  details && typeof details === 'object' && !Array.isArray(details)
    ? Object.values(details).map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
    : [];

/** A code of ours (an ended operation's error, say) as the spec's error. */
export function translateCode(code: string, message: string, status = 500): TranslatedError {
  const type = typeOf(code, status);
  return { status: statusOf(type), type, id: `fsr.${code.toLowerCase()}`, message, args: [], serverFault: false };
}

/** Anything thrown while serving a vSphere route, as the spec's error type with our message. */
export function translateError(exception: unknown): TranslatedError {
  if (exception instanceof VsphereError) {
    const { type, messageId: id, message, args, status } = exception;
    return { status, type, id, message, args, serverFault: false };
  }
  const { body, serverFault, status } = mapError(exception);
  const type = typeOf(body.code, status);
  return { status: statusOf(type), type, id: `fsr.${body.code.toLowerCase()}`, message: body.message, args: argsOf(body.details), serverFault };
}

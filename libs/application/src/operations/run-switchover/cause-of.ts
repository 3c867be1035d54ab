import { OperationCause } from '@fsr/domain';

/** Any error as the cause an operation ends with; errors with a stable `code` keep it. */
export function causeOf(error: unknown): OperationCause {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { code: typeof code === 'string' ? code : 'INTERNAL_ERROR', message: error.message };
  }
  return { code: 'INTERNAL_ERROR', message: String(error) };
}

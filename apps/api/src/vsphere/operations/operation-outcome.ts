import { Injectable } from '@nestjs/common';
import { OperationDto, OperationQueries } from '@fsr/infrastructure';
import { translateCode } from '../errors/translate-error';
import { VsphereError } from '../errors/vsphere-error';

const ENDED = new Set(['succeeded', 'failed', 'cancelled', 'rolled-back']);
const POLL_MS = 100;

export const hasEnded = (operation: Pick<OperationDto, 'state'>) => ENDED.has(operation.state);

/** The vSphere error for an operation that ended without succeeding, saying why. */
export function failureOf(operation: OperationDto): VsphereError | undefined {
  if (operation.state === 'succeeded') return undefined;
  if (operation.state === 'cancelled') {
    return new VsphereError('CANCELED', `Operation ${operation.id} was cancelled before its switch-over; the VM is as it was`, 'fsr.operation_cancelled');
  }
  const error = operation.error ?? { code: 'OPERATION_FAILED', message: `Operation ${operation.id} ended ${operation.state}` };
  const translated = translateCode(error.code, `Operation ${operation.id} ${operation.state}: ${error.message}`);
  return new VsphereError(translated.type === 'INVALID_ARGUMENT' ? 'ERROR' : translated.type, translated.message, translated.id, [operation.id]);
}

/** vCenter answers a reconfigure or a relocate when it is done: wait for our operation to end. */
@Injectable()
export class OperationOutcome {
  constructor(private readonly operations: OperationQueries) {}

  /** @throws VsphereError when it ended failed, cancelled or rolled back. */
  async waitForSuccess(operationId: string): Promise<OperationDto> {
    for (;;) {
      const operation = await this.operations.get(operationId);
      if (hasEnded(operation)) {
        const failure = failureOf(operation);
        if (failure) throw failure;
        return operation;
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }
}

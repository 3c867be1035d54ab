import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { EventBus, ofType } from '@nestjs/cqrs';
import { Aggregates, EventRecorded } from '@fsr/application';
import { isEventOf, ExistingOperation } from '@fsr/domain';
import { Subscription } from 'rxjs';

const ENDINGS = ['operation.succeeded', 'operation.failed', 'operation.rolled-back', 'operation.cancelled'] as const;

/** The line an operator looks for: "hot-add of web-1 succeeded, stun 3.70 ms (predicted 3.10 ms)", as each operation ends here. */
export function describeEnding(operation: ExistingOperation, vmName: string): string {
  const what = `${operation.kind}${operation.relocation?.cold ? ' (cold)' : ''} of ${vmName || operation.vmId}`;
  const stunMs = operation.status === 'rolled-back' ? operation.stunMs : (operation.switchover?.stunMs ?? null);
  const stun = stunMs === null ? '' : `, stun ${stunMs.toFixed(2)} ms (predicted ${operation.predictedStunMs.toFixed(2)} ms)`;
  const cause = operation.status === 'failed' || operation.status === 'rolled-back' ? `: ${operation.cause.code} ${operation.cause.message}` : '';
  return `${what} ${operation.status}${stun}${cause}`;
}

@Injectable()
export class OperationEndingLog implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Operations');
  private subscription?: Subscription;

  constructor(
    private readonly events: EventBus,
    private readonly aggregates: Aggregates,
  ) {}

  onModuleInit(): void {
    this.subscription = this.events.pipe(ofType(EventRecorded)).subscribe(({ event }) => {
      if (!isEventOf(event, ...ENDINGS)) return;
      void this.log(event.data.operationId).catch(() => undefined);
    });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  private async log(operationId: string): Promise<void> {
    const { state: operation } = await this.aggregates.existingOperation(operationId);
    const { state: vm } = await this.aggregates.vm(operation.vmId);
    const line = describeEnding(operation, vm.exists ? vm.name : operation.vmId);
    if (operation.status === 'succeeded') this.logger.log(line);
    else this.logger.warn(line);
  }
}

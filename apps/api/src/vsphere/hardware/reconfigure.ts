import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { CommandContext } from '@fsr/application';
import { HotAddCommand, HotAddOutcome, HotAddRequest } from '../../control-plane/hot-add/hot-add.command';
import { Projector } from '@fsr/infrastructure';
import { OperationOutcome } from '../operations/operation-outcome';

/** What a long call answers: done, or (with `vmw-task=true`) the task that does it. */
export type LongCallResult = { readonly done: true } | { readonly task: string };

/**
 * Every hardware change goes through our hot-add command: powered on it is an FSR switch-over
 * (distributed mode), answered once the operation has ended; powered off a configuration change.
 */
@Injectable()
export class Reconfigure {
  constructor(
    private readonly commands: CommandBus,
    private readonly projector: Projector,
    private readonly outcome: OperationOutcome,
  ) {}

  async apply(vmId: string, request: HotAddRequest, context: CommandContext, asTask: boolean): Promise<LongCallResult> {
    const result = await this.commands.execute<HotAddCommand, HotAddOutcome & { position: bigint | null }>(
      new HotAddCommand(vmId, { ...request, mode: 'distributed' }, {}, context),
    );
    if (result.position !== null) await this.projector.waitUntil(result.position);
    if (result.kind === 'reconfigured') return { done: true };
    if (asTask) return { task: result.operationId };
    await this.outcome.waitForSuccess(result.operationId);
    return { done: true };
  }
}

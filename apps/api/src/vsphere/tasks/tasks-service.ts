import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { z } from 'zod';
import { CommandContext, EVENT_STORE, EventStore } from '@fsr/application';
import { CancelOperationCommand } from '../../control-plane/cancel-operation/cancel-operation.command';
import { OperationDto, OperationQueries, Projector } from '@fsr/infrastructure';
import { VMap } from '../dialects/dialect';
import { notFound } from '../errors/vsphere-error';
import { VsphereIds } from '../ids/vsphere-ids';
import { parseSpec } from '../dialects/parse-spec';
import { serviceOf, taskInfo } from './task-info';

const TASK_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/;
const strings = z.array(z.string()).optional();
const listSpec = z.strictObject({
  filter_spec: z
    .strictObject({
      tasks: strings,
      services: strings,
      operations: strings,
      status: z.array(z.enum(['PENDING', 'RUNNING', 'BLOCKED', 'SUCCEEDED', 'FAILED'])).optional(),
      targets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
      users: strings,
    })
    .optional(),
  result_spec: z.unknown().optional(),
});

/** CIS tasks: our operations, read from the operations read model; cancel is our cancel. */
@Injectable()
export class TasksService {
  constructor(
    private readonly operations: OperationQueries,
    private readonly ids: VsphereIds,
    private readonly commands: CommandBus,
    private readonly projector: Projector,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async get(taskId: string) {
    return this.info(await this.operation(taskId));
  }

  async list(body: unknown) {
    const { filter_spec: filter = {} } = parseSpec(listSpec, body, 'Tasks.FilterSpec');
    const wanted = filter.tasks?.length ? await Promise.all(filter.tasks.map((id) => this.operation(id))) : await this.operations.list();
    const infos = await Promise.all(wanted.map(async (operation) => [operation.id, await this.info(operation)] as const));
    const kept = infos.filter(([id, info]) => {
      const called = serviceOf(wanted.find((operation) => operation.id === id)!);
      return (
        (!filter.services?.length || filter.services.includes(called.service)) &&
        (!filter.operations?.length || filter.operations.includes(called.operation)) &&
        (!filter.status?.length || filter.status.includes(info.status)) &&
        (!filter.targets?.length || filter.targets.some((target) => target.id === info.target.id)) &&
        (!filter.users?.length || (info.user !== undefined && filter.users.includes(info.user)))
      );
    });
    return new VMap(kept);
  }

  async cancel(taskId: string, context: CommandContext): Promise<void> {
    const operation = await this.operation(taskId);
    const { position } = await this.commands.execute<CancelOperationCommand, { position: bigint | null }>(new CancelOperationCommand(operation.id, context));
    if (position !== null) await this.projector.waitUntil(position);
  }

  private async operation(taskId: string): Promise<OperationDto> {
    if (!TASK_ID.test(taskId)) throw notFound('Task', taskId);
    try {
      return await this.operations.get(taskId);
    } catch (error) {
      if ((error as { code?: string }).code === 'OPERATION_NOT_FOUND') throw notFound('Task', taskId);
      throw error;
    }
  }

  private async info(operation: OperationDto) {
    const [first] = await this.events.readHistory({ subject: `operation:${operation.id}`, limit: 1 });
    return taskInfo(operation, await this.ids.moidOf('vm', operation.vmId), first?.metadata.actor);
  }
}

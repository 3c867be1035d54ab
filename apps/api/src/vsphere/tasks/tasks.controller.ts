import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommandContext } from '@fsr/application';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { bodyOf, reply } from '../dialects/dialect';
import { VsphereController } from '../dialects/vsphere-controller';
import { invalidArgument } from '../errors/vsphere-error';
import { Changes } from '../session/session.guard';
import { TasksService } from './tasks-service';

const actionOf = (request: Request) => request.query.action ?? request.query['~action'];

@VsphereController()
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Get(['api/cis/tasks/:task', 'rest/cis/tasks/:task'])
  async get(@Req() request: Request, @Res() response: Response, @Param('task') task: string) {
    reply(request, response, await this.tasks.get(task));
  }

  /** `/api`: POST `?action=list` with a filter spec; `/rest`: GET. */
  @Post('api/cis/tasks')
  async list(@Req() request: Request, @Res() response: Response) {
    if (actionOf(request) !== 'list') throw invalidArgument('action must be list');
    reply(request, response, await this.tasks.list(bodyOf(request)));
  }

  @Get('rest/cis/tasks')
  async listLegacy(@Req() request: Request, @Res() response: Response) {
    reply(request, response, await this.tasks.list({}));
  }

  @Post(['api/cis/tasks/:task', 'rest/cis/tasks/:task'])
  @Changes()
  async cancel(@Req() request: Request, @Res() response: Response, @Param('task') task: string, @Ctx() context: CommandContext) {
    if (actionOf(request) !== 'cancel') throw invalidArgument('action must be cancel');
    await this.tasks.cancel(task, context);
    reply(request, response);
  }
}

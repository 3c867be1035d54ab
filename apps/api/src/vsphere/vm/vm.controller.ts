import { Delete, Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommandContext } from '@fsr/application';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { reply, specOf } from '../dialects/dialect';
import { asTask, both, VsphereController } from '../dialects/vsphere-controller';
import { invalidArgument } from '../errors/vsphere-error';
import { RelocateService } from '../relocate/relocate-service';
import { Changes } from '../session/session.guard';
import { answerLongCall } from '../tasks/long-call-answer';
import { VmService } from './vm-service';

/** A query value as sent: a string as is, what qs made of brackets (arrays, objects) as JSON rather than [object Object]. */
const shown = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));

@VsphereController()
export class VmController {
  constructor(
    private readonly vms: VmService,
    private readonly relocations: RelocateService,
  ) {}

  @Get(both('vcenter/vm'))
  async list(@Req() request: Request, @Res() response: Response) {
    reply(request, response, await this.vms.list(request.query));
  }

  @Get(both('vcenter/vm/:vm'))
  async get(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string) {
    reply(request, response, await this.vms.get(vm));
  }

  @Post(both('vcenter/vm'))
  @Changes()
  async create(@Req() request: Request, @Res() response: Response, @Ctx() context: CommandContext) {
    if (request.query.action !== undefined) throw invalidArgument(`action ${shown(request.query.action)} is not supported on the VM list (clone and register are not)`);
    reply(request, response, await this.vms.create(specOf(request), context), 201);
  }

  @Delete(both('vcenter/vm/:vm'))
  @Changes()
  async remove(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Ctx() context: CommandContext) {
    await this.vms.remove(vm, context);
    reply(request, response);
  }

  @Post(both('vcenter/vm/:vm'))
  @Changes()
  async action(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Ctx() context: CommandContext) {
    const action = request.query.action ?? request.query['~action'];
    if (action !== 'relocate') throw invalidArgument(`action must be relocate, not ${shown(action ?? 'nothing')}`);
    answerLongCall(request, response, await this.relocations.relocate(vm, specOf(request), context, asTask(request.query)));
  }
}

import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommandContext } from '@fsr/application';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { reply, specOf } from '../dialects/dialect';
import { asTask, both, VsphereController } from '../dialects/vsphere-controller';
import { Changes } from '../session/session.guard';
import { DevicesService } from './devices-service';

type Added = Awaited<ReturnType<DevicesService['addDisk']>>;

/** 201 with the new device's identifier once it is added; with `vmw-task=true` 202 and the task. */
const answerAdded = (request: Request, response: Response, added: Added) =>
  'task' in added ? reply(request, response, added.task, 202) : reply(request, response, 'created' in added ? added.created : undefined, 201);

@VsphereController()
export class DevicesController {
  constructor(private readonly devices: DevicesService) {}

  @Get(both('vcenter/vm/:vm/hardware/disk'))
  async disks(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string) {
    reply(request, response, await this.devices.disks(vm));
  }

  @Get(both('vcenter/vm/:vm/hardware/disk/:disk'))
  async disk(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Param('disk') disk: string) {
    reply(request, response, await this.devices.disk(vm, disk));
  }

  @Post(both('vcenter/vm/:vm/hardware/disk'))
  @Changes()
  async addDisk(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Ctx() context: CommandContext) {
    answerAdded(request, response, await this.devices.addDisk(vm, specOf(request), context, asTask(request.query)));
  }

  @Get(both('vcenter/vm/:vm/hardware/ethernet'))
  async nics(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string) {
    reply(request, response, await this.devices.nics(vm));
  }

  @Get(both('vcenter/vm/:vm/hardware/ethernet/:nic'))
  async nic(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Param('nic') nic: string) {
    reply(request, response, await this.devices.nic(vm, nic));
  }

  @Post(both('vcenter/vm/:vm/hardware/ethernet'))
  @Changes()
  async addNic(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Ctx() context: CommandContext) {
    answerAdded(request, response, await this.devices.addNic(vm, specOf(request), context, asTask(request.query)));
  }
}

import { Get, Param, Patch, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommandContext } from '@fsr/application';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { reply, specOf } from '../dialects/dialect';
import { asTask, both, VsphereController } from '../dialects/vsphere-controller';
import { Changes } from '../session/session.guard';
import { answerLongCall } from '../tasks/long-call-answer';
import { HardwareService } from './hardware-service';

@VsphereController()
export class HardwareController {
  constructor(private readonly hardware: HardwareService) {}

  @Get(both('vcenter/vm/:vm/hardware'))
  async info(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string) {
    reply(request, response, await this.hardware.hardware(vm));
  }

  @Get(both('vcenter/vm/:vm/hardware/cpu'))
  async cpu(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string) {
    reply(request, response, await this.hardware.cpu(vm));
  }

  @Patch(both('vcenter/vm/:vm/hardware/cpu'))
  @Changes()
  async updateCpu(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Ctx() context: CommandContext) {
    answerLongCall(request, response, await this.hardware.updateCpu(vm, specOf(request), context, asTask(request.query)));
  }

  @Get(both('vcenter/vm/:vm/hardware/memory'))
  async memory(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string) {
    reply(request, response, await this.hardware.memory(vm));
  }

  @Patch(both('vcenter/vm/:vm/hardware/memory'))
  @Changes()
  async updateMemory(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Ctx() context: CommandContext) {
    answerLongCall(request, response, await this.hardware.updateMemory(vm, specOf(request), context, asTask(request.query)));
  }
}

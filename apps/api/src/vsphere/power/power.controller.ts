import { Get, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { CommandContext } from '@fsr/application';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { reply } from '../dialects/dialect';
import { both, VsphereController } from '../dialects/vsphere-controller';
import { Changes } from '../session/session.guard';
import { PowerService } from './power-service';

@VsphereController()
export class PowerController {
  constructor(private readonly power: PowerService) {}

  @Get(both('vcenter/vm/:vm/power'))
  async get(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string) {
    reply(request, response, await this.power.get(vm));
  }

  /** `/api`: `power?action=start`. */
  @Post('api/vcenter/vm/:vm/power')
  @Changes()
  async act(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Ctx() context: CommandContext) {
    await this.power.act(vm, typeof request.query.action === 'string' ? request.query.action : '', context);
    reply(request, response);
  }

  /** `/rest`: `power/start`. */
  @Post('rest/vcenter/vm/:vm/power/:action')
  @Changes()
  async actLegacy(@Req() request: Request, @Res() response: Response, @Param('vm') vm: string, @Param('action') action: string, @Ctx() context: CommandContext) {
    await this.power.act(vm, action, context);
    reply(request, response);
  }
}

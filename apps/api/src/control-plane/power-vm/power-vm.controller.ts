import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, Precondition } from '@fsr/application';
import { MinRole } from '../../http/auth/roles.decorator';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { VmResponse } from '../../read-models/vms/vm.response';
import { ApiIfMatch, IfMatch } from '../common/if-match';
import { VmAnswer, VmRecorded } from '../common/vm-answer';
import { PowerVmCommand } from './power-vm.command';
import { PowerVmDto } from './power-vm.dto';

@ApiTags('vms')
@Controller('vms')
export class PowerVmController {
  constructor(
    private readonly commands: CommandBus,
    private readonly answer: VmAnswer,
  ) {}

  @Post(':id/power')
  @HttpCode(200)
  @MinRole('operator')
  @ApiOperation({ summary: 'Power a VM on (its PFrames are allocated on its host) or off' })
  @ApiOkResponse({ type: VmResponse })
  @ApiErrors(400, 404, 409, 503)
  @ApiIfMatch()
  async power(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: PowerVmDto,
    @IfMatch() precondition: Precondition,
    @Ctx() context: CommandContext,
  ) {
    return this.answer.of(await this.commands.execute<PowerVmCommand, VmRecorded>(new PowerVmCommand(id, body.action, precondition, context)));
  }
}

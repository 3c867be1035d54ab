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
import { SetVmWorkloadCommand } from './set-vm-workload.command';
import { SetWorkloadDto } from './set-vm-workload.dto';

@ApiTags('vms')
@Controller('vms')
export class SetVmWorkloadController {
  constructor(
    private readonly commands: CommandBus,
    private readonly answer: VmAnswer,
  ) {}

  @Post(':id/workload')
  @HttpCode(200)
  @MinRole('operator')
  @ApiOperation({ summary: 'Simulated guest activity while powered on (disk writes, PFrame remaps); {} stops it' })
  @ApiOkResponse({ type: VmResponse })
  @ApiErrors(400, 404, 409, 503)
  @ApiIfMatch()
  async workload(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SetWorkloadDto,
    @IfMatch() precondition: Precondition,
    @Ctx() context: CommandContext,
  ) {
    const diskWriteMiBps = body.diskWriteMiBps ?? 0;
    const pageRemapsPerSec = body.pageRemapsPerSec ?? 0;
    const workload = diskWriteMiBps === 0 && pageRemapsPerSec === 0 ? null : { diskWriteMiBps, pageRemapsPerSec };
    return this.answer.of(await this.commands.execute<SetVmWorkloadCommand, VmRecorded>(new SetVmWorkloadCommand(id, workload, precondition, context)));
  }
}

import { Controller, Delete, HttpCode, Param } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiNoContentResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, Precondition } from '@fsr/application';
import { MinRole } from '../../http/auth/roles.decorator';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { ApiIfMatch, IfMatch } from '../common/if-match';
import { ReadYourWrites } from '../common/read-your-writes';
import { VmRecorded } from '../common/vm-answer';
import { DeleteVmCommand } from './delete-vm.command';

@ApiTags('vms')
@Controller('vms')
export class DeleteVmController {
  constructor(
    private readonly commands: CommandBus,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Delete(':id')
  @HttpCode(204)
  @MinRole('operator')
  @ApiOperation({ summary: 'Delete a powered-off VM and its disk files' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409, 503)
  @ApiIfMatch()
  async remove(@Param('id', ParseIdPipe) id: string, @IfMatch() precondition: Precondition, @Ctx() context: CommandContext) {
    const { position } = await this.commands.execute<DeleteVmCommand, VmRecorded>(new DeleteVmCommand(id, precondition, context));
    await this.readYourWrites.after(position, async () => undefined);
  }
}

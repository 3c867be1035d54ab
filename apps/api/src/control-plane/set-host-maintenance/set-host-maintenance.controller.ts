import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, Precondition } from '@fsr/application';
import { HostQueries } from '@fsr/infrastructure';
import { MinRole } from '../../http/auth/roles.decorator';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { HostResponse } from '../../read-models/hosts/host.response';
import { ApiIfMatch, IfMatch } from '../common/if-match';
import { ReadYourWrites } from '../common/read-your-writes';
import { SetHostMaintenanceCommand } from './set-host-maintenance.command';
import { SetMaintenanceDto } from './set-host-maintenance.dto';

@ApiTags('hosts')
@Controller('hosts')
export class SetHostMaintenanceController {
  constructor(
    private readonly commands: CommandBus,
    private readonly hosts: HostQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post(':id/maintenance')
  @HttpCode(200)
  @MinRole('admin')
  @ApiOperation({ summary: 'Enter or leave maintenance mode (no new VMs power on; entering needs no VM running)' })
  @ApiOkResponse({ type: HostResponse })
  @ApiErrors(400, 404, 409)
  @ApiIfMatch('host')
  async maintenance(
    @Param('id', ParseIdPipe) id: string,
    @Body() body: SetMaintenanceDto,
    @IfMatch() precondition: Precondition,
    @Ctx() context: CommandContext,
  ) {
    const { position } = await this.commands.execute<SetHostMaintenanceCommand, { position: bigint | null }>(
      new SetHostMaintenanceCommand(id, body.enabled, precondition, context),
    );
    return this.readYourWrites.after(position, () => this.hosts.get(id));
  }
}

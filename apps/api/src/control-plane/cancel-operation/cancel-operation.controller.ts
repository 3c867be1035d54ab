import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext, Precondition } from '@fsr/application';
import { CancelOperationCommand } from './cancel-operation.command';
import { OperationQueries } from '@fsr/infrastructure';
import { MinRole } from '../../http/auth/roles.decorator';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { OperationResponse } from '../../read-models/operations/operation.response';
import { ApiIfMatch, IfMatch } from '../common/if-match';
import { ReadYourWrites } from '../common/read-your-writes';

@ApiTags('operations')
@Controller('operations')
export class CancelOperationController {
  constructor(
    private readonly commands: CommandBus,
    private readonly operations: OperationQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post(':id/cancel')
  @HttpCode(200)
  @MinRole('operator')
  @ApiOperation({ summary: 'Cancel before the switch-over starts (the VM stays as it was); 409 once it has started' })
  @ApiOkResponse({ type: OperationResponse })
  @ApiErrors(400, 404, 409)
  @ApiIfMatch('operation')
  async cancel(@Param('id', ParseIdPipe) id: string, @IfMatch() precondition: Precondition, @Ctx() context: CommandContext) {
    const { position } = await this.commands.execute<CancelOperationCommand, { position: bigint | null }>(
      new CancelOperationCommand(id, context, precondition),
    );
    return this.readYourWrites.after(position, () => this.operations.get(id));
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@fsr/application';
import { CreateDatastoreCommand } from './create-datastore.command';
import { DatastoreQueries } from '@fsr/infrastructure';
import { MinRole } from '../../http/auth/roles.decorator';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { DatastoreResponse } from '../../read-models/datastores/datastore.response';
import { ReadYourWrites } from '../common/read-your-writes';
import { CreateDatastoreDto } from './create-datastore.dto';

@ApiTags('datastores')
@Controller('datastores')
export class CreateDatastoreController {
  constructor(
    private readonly commands: CommandBus,
    private readonly datastores: DatastoreQueries,
    private readonly readYourWrites: ReadYourWrites,
  ) {}

  @Post()
  @HttpCode(201)
  @MinRole('admin')
  @ApiOperation({ summary: 'Create a datastore: a directory under DATA_DIR/datastores' })
  @ApiCreatedResponse({ type: DatastoreResponse })
  @ApiErrors(400, 409)
  async create(@Body() body: CreateDatastoreDto, @Ctx() context: CommandContext) {
    const { datastoreId, position } = await this.commands.execute<CreateDatastoreCommand, { datastoreId: string; position: bigint | null }>(new CreateDatastoreCommand(body.name, body.capacityGiB, context));
    return this.readYourWrites.after(position, () => this.datastores.get(datastoreId));
  }
}

import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CommandContext } from '@fsr/application';
import { MinRole } from '../../http/auth/roles.decorator';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { VmResponse } from '../../read-models/vms/vm.response';
import { VmAnswer, VmRecorded } from '../common/vm-answer';
import { CreateVmCommand } from './create-vm.command';
import { CreateVmDto } from './create-vm.dto';

const VM_CREATE_CONFLICTS =
  'VM_NAME_TAKEN: another VM has the name (names are unique and case-sensitive, as in a vCenter folder); ' +
  'HOST_CPU_EXCEEDED, DATASTORE_CAPACITY_EXCEEDED: the host or the datastore cannot hold the VM';

@ApiTags('vms')
@Controller('vms')
export class CreateVmController {
  constructor(
    private readonly commands: CommandBus,
    private readonly answer: VmAnswer,
  ) {}

  @Post()
  @HttpCode(201)
  @MinRole('operator')
  @ApiOperation({ summary: 'Create a VM (powered off); its disk files are created on the datastore' })
  @ApiCreatedResponse({ type: VmResponse })
  @ApiErrors(400, 404, { status: 409, description: VM_CREATE_CONFLICTS }, 503)
  async create(@Body() body: CreateVmDto, @Ctx() context: CommandContext) {
    const spec = {
      // eslint-disable-next-line @typescript-eslint/no-misused-spread -- the DTO's fields, copied into a plain spec on purpose
      ...body,
      coresPerSocket: body.coresPerSocket ?? 1,
      cpuHotAddEnabled: body.cpuHotAddEnabled ?? false,
      memoryHotAddEnabled: body.memoryHotAddEnabled ?? false,
      nics: body.nics ?? [],
    };
    return this.answer.of(await this.commands.execute<CreateVmCommand, VmRecorded>(new CreateVmCommand(spec, context)));
  }
}

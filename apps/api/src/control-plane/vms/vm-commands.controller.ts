import { Body, Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  CommandContext,
  CreateVmCommand,
  DeleteVmCommand,
  PowerVmCommand,
  Precondition,
  SetVmWorkloadCommand,
} from '@fsr/application';
import { VmQueries } from '@fsr/infrastructure';
import { MinRole } from '../../http/auth/roles.decorator';
import { ApiErrors } from '../../http/errors/api-errors.decorator';
import { Ctx } from '../../http/request-context/command-context.decorator';
import { ParseIdPipe } from '../../http/validation/parse-id.pipe';
import { VmResponse } from '../../read-models/vms/vm.response';
import { ApiIfMatch, IfMatch } from '../common/if-match';
import { ReadYourWrites } from '../common/read-your-writes';
import { CreateVmDto } from './create-vm.dto';
import { PowerVmDto } from './power-vm.dto';
import { SetWorkloadDto } from './set-workload.dto';

type Recorded = { vmId: string; position: bigint | null };

const VM_CREATE_CONFLICTS =
  'VM_NAME_TAKEN: another VM has the name (names are unique and case-sensitive, as in a vCenter folder); ' +
  'HOST_CPU_EXCEEDED, DATASTORE_CAPACITY_EXCEEDED: the host or the datastore cannot hold the VM';

@ApiTags('vms')
@Controller('vms')
export class VmCommandsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly vms: VmQueries,
    private readonly readYourWrites: ReadYourWrites,
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
    return this.answer(await this.commands.execute<CreateVmCommand, Recorded>(new CreateVmCommand(spec, context)));
  }

  @Delete(':id')
  @HttpCode(204)
  @MinRole('operator')
  @ApiOperation({ summary: 'Delete a powered-off VM and its disk files' })
  @ApiNoContentResponse()
  @ApiErrors(400, 404, 409, 503)
  @ApiIfMatch()
  async remove(@Param('id', ParseIdPipe) id: string, @IfMatch() precondition: Precondition, @Ctx() context: CommandContext) {
    const { position } = await this.commands.execute<DeleteVmCommand, Recorded>(new DeleteVmCommand(id, precondition, context));
    await this.readYourWrites.after(position, async () => undefined);
  }

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
    return this.answer(await this.commands.execute<PowerVmCommand, Recorded>(new PowerVmCommand(id, body.action, precondition, context)));
  }

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
    return this.answer(await this.commands.execute<SetVmWorkloadCommand, Recorded>(new SetVmWorkloadCommand(id, workload, precondition, context)));
  }

  private answer({ vmId, position }: Recorded) {
    return this.readYourWrites.after(position, () => this.vms.get(vmId));
  }
}

import { Module } from '@nestjs/common';
import { ReadModelsModule } from '../read-models/read-models.module';
import { DevicesController } from './hardware/devices.controller';
import { DevicesService } from './hardware/devices-service';
import { HardwareController } from './hardware/hardware.controller';
import { HardwareService } from './hardware/hardware-service';
import { Reconfigure } from './hardware/reconfigure';
import { VsphereIds } from './ids/vsphere-ids';
import { Inventory } from './inventory/inventory';
import { InventoryController } from './inventory/inventory.controller';
import { InventoryLists } from './inventory/inventory-lists';
import { InventoryObjects } from './inventory/inventory-objects';
import { OperationOutcome } from './operations/operation-outcome';
import { PowerController } from './power/power.controller';
import { PowerService } from './power/power-service';
import { RelocateService } from './relocate/relocate-service';
import { SessionController } from './session/session.controller';
import { SessionGuard } from './session/session.guard';
import { TasksController } from './tasks/tasks.controller';
import { TasksService } from './tasks/tasks-service';
import { VmController } from './vm/vm.controller';
import { VmLookup } from './vm/vm-lookup';
import { VmPlacement } from './vm/vm-placement';
import { VmService } from './vm/vm-service';

/**
 * The vSphere Automation API (`/api` and the legacy `/rest`): a translation of its requests into our
 * commands and of our read models and errors into its shapes. The domain knows nothing of it.
 */
@Module({
  imports: [ReadModelsModule],
  controllers: [SessionController, InventoryController, VmController, PowerController, HardwareController, DevicesController, TasksController],
  providers: [
    SessionGuard,
    VsphereIds,
    Inventory,
    InventoryLists,
    InventoryObjects,
    VmLookup,
    VmPlacement,
    VmService,
    PowerService,
    OperationOutcome,
    Reconfigure,
    HardwareService,
    DevicesService,
    RelocateService,
    TasksService,
  ],
})
export class VsphereModule {}

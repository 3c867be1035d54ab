import { Type } from '@nestjs/common';
import { CancelOperationController } from './cancel-operation/cancel-operation.controller';
import { CancelOperationHandler } from './cancel-operation/cancel-operation.handler';
import { CreateDatastoreController } from './create-datastore/create-datastore.controller';
import { CreateDatastoreHandler } from './create-datastore/create-datastore.handler';
import { CreateVmController } from './create-vm/create-vm.controller';
import { CreateVmHandler } from './create-vm/create-vm.handler';
import { DeleteVmController } from './delete-vm/delete-vm.controller';
import { DeleteVmHandler } from './delete-vm/delete-vm.handler';
import { HotAddController } from './hot-add/hot-add.controller';
import { HotAddHandler } from './hot-add/hot-add.handler';
import { PreviewHotAddHandler } from './hot-add/preview-hot-add.handler';
import { PowerVmController } from './power-vm/power-vm.controller';
import { PowerVmHandler } from './power-vm/power-vm.handler';
import { PreviewRelocateHandler } from './relocate/preview-relocate.handler';
import { RelocateController } from './relocate/relocate.controller';
import { RelocateHandler } from './relocate/relocate.handler';
import { SetHostMaintenanceController } from './set-host-maintenance/set-host-maintenance.controller';
import { SetHostMaintenanceHandler } from './set-host-maintenance/set-host-maintenance.handler';
import { SetVmWorkloadController } from './set-vm-workload/set-vm-workload.controller';
import { SetVmWorkloadHandler } from './set-vm-workload/set-vm-workload.handler';

/**
 * The commands a client asks for, each one folder from its HTTP edge to its handler (controller, request DTO,
 * command, handler, and the dry run's preview where it has one). What runs on its own (the switch-over
 * process, host loss, reports) stays in libs/application.
 */
export const USE_CASES: readonly { readonly controller: Type; readonly handlers: readonly Type[] }[] = [
  { controller: CreateDatastoreController, handlers: [CreateDatastoreHandler] },
  { controller: CreateVmController, handlers: [CreateVmHandler] },
  { controller: DeleteVmController, handlers: [DeleteVmHandler] },
  { controller: PowerVmController, handlers: [PowerVmHandler] },
  { controller: SetVmWorkloadController, handlers: [SetVmWorkloadHandler] },
  { controller: HotAddController, handlers: [HotAddHandler, PreviewHotAddHandler] },
  { controller: RelocateController, handlers: [RelocateHandler, PreviewRelocateHandler] },
  { controller: CancelOperationController, handlers: [CancelOperationHandler] },
  { controller: SetHostMaintenanceController, handlers: [SetHostMaintenanceHandler] },
];

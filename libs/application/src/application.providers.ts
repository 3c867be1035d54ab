import { Provider } from '@nestjs/common';
import { AggregateStore } from './common/aggregate-store';
import { Aggregates } from './common/aggregates';
import { CreateDatastoreHandler } from './datastores/create-datastore/create-datastore.handler';
import { ConnectHostHandler } from './hosts/connect-host/connect-host.handler';
import { DisconnectHostHandler } from './hosts/disconnect-host/disconnect-host.handler';
import { HandleHostLossHandler } from './hosts/host-loss/handle-host-loss.handler';
import { HostLossSaga } from './hosts/host-loss/host-loss.saga';
import { HostLossOperations } from './hosts/host-loss/host-loss-operations';
import { SetHostMaintenanceHandler } from './hosts/set-maintenance/set-host-maintenance.handler';
import { CancelOperationHandler } from './operations/cancel-operation/cancel-operation.handler';
import { FsrPlanner } from './operations/hot-add/fsr-plan';
import { HotAddHandler } from './operations/hot-add/hot-add.handler';
import { OperationFinisher } from './operations/operation-finisher';
import { PreviewRelocateHandler } from './operations/relocate/preview-relocate.handler';
import { RecordDiskCopyProgressHandler } from './operations/relocate/record-disk-copy-progress.handler';
import { RelocateHandler } from './operations/relocate/relocate.handler';
import { RelocationSteps } from './operations/relocate/relocation-steps';
import { PreviewHotAddHandler } from './operations/preview-hot-add/preview-hot-add.handler';
import { RunSwitchoverHandler } from './operations/run-switchover/run-switchover.handler';
import { SwitchoverJournal } from './operations/run-switchover/switchover-journal';
import { SwitchoverSaga } from './operations/run-switchover/switchover.saga';
import { SwitchoverOutcome } from './operations/run-switchover/switchover-outcome';
import { SwitchoverRunner } from './operations/run-switchover/switchover-runner';
import { AgentInquiry } from './operations/run-switchover/agent-inquiry';
import { CreateVmHandler } from './vms/create-vm/create-vm.handler';
import { DeleteVmHandler } from './vms/delete-vm/delete-vm.handler';
import { DiskFiles } from './vms/disk-files';
import { VmNameReservations } from './vms/vm-name-reservations';
import { InterruptedPowerChangeSettler } from './vms/power-vm/interrupted-power-change-settler';
import { PowerChangeJournal } from './vms/power-vm/power-change-journal';
import { PowerVmHandler } from './vms/power-vm/power-vm.handler';
import { SetVmWorkloadHandler } from './vms/set-workload/set-vm-workload.handler';

/**
 * The command side. The including module binds EVENT_STORE, HOST_AGENT_GATEWAY, VM_NAMES, WORK_LEASES,
 * CLOCK, IDS, DATASTORE_DIRECTORIES, STUN_HISTORY and CONTROL_PLANE_SETTINGS, and imports CqrsModule.
 */
export const applicationProviders: Provider[] = [
  AggregateStore,
  Aggregates,
  FsrPlanner,
  DiskFiles,
  VmNameReservations,
  OperationFinisher,
  SwitchoverJournal,
  SwitchoverSaga,
  RelocationSteps,
  CreateDatastoreHandler,
  ConnectHostHandler,
  DisconnectHostHandler,
  SetHostMaintenanceHandler,
  CreateVmHandler,
  DeleteVmHandler,
  PowerVmHandler,
  PowerChangeJournal,
  InterruptedPowerChangeSettler,
  SetVmWorkloadHandler,
  HotAddHandler,
  PreviewHotAddHandler,
  RunSwitchoverHandler,
  CancelOperationHandler,
  RelocateHandler,
  PreviewRelocateHandler,
  RecordDiskCopyProgressHandler,
  SwitchoverOutcome,
  SwitchoverRunner,
  AgentInquiry,
  HostLossSaga,
  HostLossOperations,
  HandleHostLossHandler,
];

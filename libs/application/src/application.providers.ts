import { Provider } from '@nestjs/common';
import { AggregateStore } from './common/aggregate-store';
import { Aggregates } from './common/aggregates';
import { ConnectHostHandler } from './hosts/connect-host/connect-host.handler';
import { DisconnectHostHandler } from './hosts/disconnect-host/disconnect-host.handler';
import { HandleHostLossHandler } from './hosts/host-loss/handle-host-loss.handler';
import { HostLossSaga } from './hosts/host-loss/host-loss.saga';
import { HostLossOperations } from './hosts/host-loss/host-loss-operations';
import { HostLosses } from './hosts/host-loss/host-losses';
import { FsrPlanner } from './operations/fsr-plan';
import { OperationFinisher } from './operations/operation-finisher';
import { RecordDiskCopyProgressHandler } from './operations/relocate/record-disk-copy-progress.handler';
import { RelocationSteps } from './operations/relocate/relocation-steps';
import { RunSwitchoverHandler } from './operations/run-switchover/run-switchover.handler';
import { SwitchoverJournal } from './operations/run-switchover/switchover-journal';
import { SwitchoverSaga } from './operations/run-switchover/switchover.saga';
import { SwitchoverOutcome } from './operations/run-switchover/switchover-outcome';
import { SwitchoverRunner } from './operations/run-switchover/switchover-runner';
import { AgentInquiry } from './operations/run-switchover/agent-inquiry';
import { DiskFiles } from './vms/disk-files';
import { VmNameReservations } from './vms/vm-name-reservations';
import { InterruptedPowerChangeSettler } from './vms/power-vm/interrupted-power-change-settler';
import { PowerChangeJournal } from './vms/power-vm/power-change-journal';

/**
 * The command side that runs on its own (switch-over process, host loss, reports); the use cases a client
 * asks for are in apps/api/src/control-plane, one folder each. The including module binds EVENT_STORE, HOST_AGENT_GATEWAY, VM_NAMES, WORK_LEASES,
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
  ConnectHostHandler,
  DisconnectHostHandler,
  PowerChangeJournal,
  InterruptedPowerChangeSettler,
  RunSwitchoverHandler,
  RecordDiskCopyProgressHandler,
  SwitchoverOutcome,
  SwitchoverRunner,
  AgentInquiry,
  HostLossSaga,
  HostLossOperations,
  HostLosses,
  HandleHostLossHandler,
];

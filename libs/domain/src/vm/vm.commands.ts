import { GuestWorkload, PowerAction, VmHardware, VmOperationEnded, VmOperationStarted, VmPoweredOff } from './vm.events';

export type CreateVm = {
  readonly type: 'create';
  readonly vmId: string;
  readonly name: string;
  readonly hostId: string;
  readonly datastoreId: string;
  readonly hardware: VmHardware;
};
export type DeleteVm = { readonly type: 'delete' };
export type PowerOnVm = { readonly type: 'power-on'; readonly hostId: string };
export type SuspendVm = { readonly type: 'suspend' };
export type PowerOffVm = { readonly type: 'power-off'; readonly reason: VmPoweredOff['data']['reason'] };
/** Takes the VM for a power change before the host is asked: a refused command then acts on nothing. */
export type StartVmPowerChange = { readonly type: 'start-power-change'; readonly changeId: string; readonly action: PowerAction };
/** The host did not make the change: the VM is as it was. */
export type AbandonVmPowerChange = { readonly type: 'abandon-power-change'; readonly changeId: string; readonly reason: string };
/** While powered on only as part of the VM's active operation (`operationId`). */
export type ReconfigureVm = { readonly type: 'reconfigure'; readonly hardware: VmHardware; readonly operationId?: string };
export type StartVmOperation = {
  readonly type: 'start-operation';
  readonly operationId: string;
  readonly kind: VmOperationStarted['data']['kind'];
};
export type EndVmOperation = {
  readonly type: 'end-operation';
  readonly operationId: string;
  readonly outcome: VmOperationEnded['data']['outcome'];
};
export type SetVmWorkload = { readonly type: 'set-workload'; readonly workload: GuestWorkload | null };

export type VmCommand =
  | CreateVm
  | DeleteVm
  | PowerOnVm
  | PowerOffVm
  | StartVmPowerChange
  | AbandonVmPowerChange
  | SuspendVm
  | ReconfigureVm
  | StartVmOperation
  | EndVmOperation
  | SetVmWorkload;

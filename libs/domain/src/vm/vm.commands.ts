import { GuestWorkload, VmHardware, VmOperationEnded, VmOperationStarted, VmPoweredOff } from './vm.events';

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
export type PowerOffVm = { readonly type: 'power-off'; readonly reason: VmPoweredOff['data']['reason'] };
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
  | ReconfigureVm
  | StartVmOperation
  | EndVmOperation
  | SetVmWorkload;

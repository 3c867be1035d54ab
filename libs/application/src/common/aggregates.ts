import { Injectable } from '@nestjs/common';
import {
  DatastoreState,
  HostState,
  ExistingHost,
  requireHost,
  OperationState,
  ExistingOperation,
  requireOperation,
  VmNameState,
  requireVm,
  VmState,
  ExistingVm,
  datastoreDecider,
  hostDecider,
  operationDecider,
  vmDecider,
  vmNameDecider,
} from '@fsr/domain';
import { AggregateStore, Loaded } from './aggregate-store';
import { SNAPSHOT_KINDS } from './snapshot-kinds';
import { streams } from './streams';

/** Typed loading of the aggregates. */
@Injectable()
export class Aggregates {
  constructor(private readonly store: AggregateStore) {}

  host(id: string): Promise<Loaded<HostState>> {
    return this.store.load(hostDecider, streams.host(id), SNAPSHOT_KINDS.host);
  }

  /** A host some agent registered, or HOST_NOT_FOUND. */
  async existingHost(id: string): Promise<Loaded<ExistingHost>> {
    const { state, version } = await this.host(id);
    return { state: requireHost(state, id), version };
  }

  datastore(id: string): Promise<Loaded<DatastoreState>> {
    return this.store.load(datastoreDecider, streams.datastore(id), SNAPSHOT_KINDS.datastore);
  }

  vm(id: string): Promise<Loaded<VmState>> {
    return this.store.load(vmDecider, streams.vm(id), SNAPSHOT_KINDS.vm);
  }

  /** A VM that was created and not deleted, or VM_NOT_FOUND. */
  async existingVm(id: string): Promise<Loaded<ExistingVm>> {
    const { state, version } = await this.vm(id);
    return { state: requireVm(state, id), version };
  }

  vmName(name: string): Promise<Loaded<VmNameState>> {
    return this.store.load(vmNameDecider, streams.vmName(name), SNAPSHOT_KINDS.vmName);
  }

  operation(id: string): Promise<Loaded<OperationState>> {
    return this.store.load(operationDecider, streams.operation(id));
  }

  /** An operation that was requested, or OPERATION_NOT_FOUND. */
  async existingOperation(id: string): Promise<Loaded<ExistingOperation>> {
    const { state, version } = await this.operation(id);
    return { state: requireOperation(state, id), version };
  }
}

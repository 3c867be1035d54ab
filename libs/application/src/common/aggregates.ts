import { Injectable } from '@nestjs/common';
import {
  DatastoreState,
  HostState,
  OperationState,
  VmNameState,
  VmState,
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

  datastore(id: string): Promise<Loaded<DatastoreState>> {
    return this.store.load(datastoreDecider, streams.datastore(id), SNAPSHOT_KINDS.datastore);
  }

  vm(id: string): Promise<Loaded<VmState>> {
    return this.store.load(vmDecider, streams.vm(id), SNAPSHOT_KINDS.vm);
  }

  vmName(name: string): Promise<Loaded<VmNameState>> {
    return this.store.load(vmNameDecider, streams.vmName(name), SNAPSHOT_KINDS.vmName);
  }

  operation(id: string): Promise<Loaded<OperationState>> {
    return this.store.load(operationDecider, streams.operation(id));
  }
}

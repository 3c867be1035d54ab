export * from './common/command-context';
export * from './ports/event-store.port';
export * from './ports/host-agent-gateway.port';
export * from './hosts/host.commands';
export * from './datastores/datastore.commands';
export * from './vms/vm.commands';
export * from './operations/operation.commands';
export * from './common/event-recorded';

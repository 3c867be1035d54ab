import { vmDecider } from '@fsr/domain';
import { Aggregates } from '../common/aggregates';
import { appendTo } from '../common/appends';
import { streams, subjects } from '../common/streams';
import { StreamAppend } from '../ports/event-store.port';

/** A VM whose PFrame tables died with its host agent: recorded as powered off by a host failure. */
export async function powerOffLostVm(aggregates: Aggregates, vmId: string): Promise<StreamAppend | null> {
  const vm = await aggregates.vm(vmId);
  if (!vm.state.exists || vm.state.deleted || vm.state.powerState !== 'poweredOn') return null;
  const events = vmDecider.decide({ type: 'power-off', reason: 'host-failure' }, vm.state);
  return appendTo(streams.vm(vmId), vm, events, [subjects.vm(vmId), subjects.host(vm.state.hostId)]);
}

export const presentAppends = (appends: readonly (StreamAppend | null)[]): StreamAppend[] =>
  appends.filter((append): append is StreamAppend => append !== null);

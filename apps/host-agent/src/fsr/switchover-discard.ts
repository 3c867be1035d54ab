import { AgentContext } from '../agent-context';
import { PreparedSwitchover } from './prepared-switchover';

/**
 * Drops a destination that will not run: armed segment jobs are released with a refusal and the
 * destination's fresh MPNs go back to the pool. Entries it copied from the source stay the source's.
 */
export function discardSwitchover(context: AgentContext, switchover: PreparedSwitchover, reason: string): void {
  if (switchover.phase === 'discarded' || switchover.phase === 'finished') return;
  if (switchover.expiry) clearTimeout(switchover.expiry);
  switchover.discard(reason);
  const destination = switchover.destination.table;
  destination.releaseTo(context.pool, switchover.sourcePages, destination.pages);
  if (context.switchovers.get(switchover.operationId) === switchover) context.switchovers.delete(switchover.operationId);
  const vm = context.vms.get(switchover.vmId);
  if (vm?.busyWith === switchover.operationId) vm.busyWith = null;
}

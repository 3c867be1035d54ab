import { SwitchoverStatus } from '@fsr/contracts';
import { AgentContext } from '../agent-context';

/** What this agent holds of a switch-over: one in progress, the result of an executed one, or nothing (never seen, discarded, or lost in a restart). */
export function switchoverStatus(context: AgentContext, operationId: string): SwitchoverStatus {
  const switchover = context.switchovers.get(operationId);
  if (switchover && (switchover.phase === 'preparing' || switchover.phase === 'prepared' || switchover.phase === 'executing')) {
    return { state: switchover.phase, epoch: switchover.epoch };
  }
  const ended = context.endedSwitchovers.get(operationId);
  return ended ? { state: 'ended', ...ended } : { state: 'unknown' };
}

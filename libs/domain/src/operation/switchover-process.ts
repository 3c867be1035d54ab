import { ExistingOperation, isTerminal, OperationState } from './operation-state';

/**
 * What the host agent said it holds of the operation when asked: nothing, a prepare or a stun under way,
 * or a destination prepared under an epoch. (An ended stun is recorded at once, so it never needs deciding.)
 */
export type AgentHolding =
  | { readonly state: 'nothing' }
  | { readonly state: 'busy' }
  | { readonly state: 'prepared'; readonly epoch: number };

/**
 * What a run knows beyond the log: the epoch it prepared itself, the epoch it handed the stun over with,
 * and the agent's last answer. A run that takes the operation over (after a crash, on another replica)
 * starts knowing nothing, so it asks the agent before it sends anything.
 */
export interface RunKnowledge {
  readonly prepared?: number;
  readonly handedOver?: number;
  readonly agent?: AgentHolding;
}

export type SwitchoverStep =
  | { readonly type: 'copy-disks' }
  | { readonly type: 'finish-cold' }
  | { readonly type: 'prepare'; readonly epoch: number }
  | { readonly type: 'start-switchover'; readonly epoch: number }
  | { readonly type: 'execute'; readonly epoch: number }
  | { readonly type: 'ask-agent' }
  | { readonly type: 'wait-for-agent' }
  | { readonly type: 'fail'; readonly code: string; readonly reason: string }
  | { readonly type: 'finish' }
  | { readonly type: 'done' };

export const AGENT_LOST_SWITCHOVER = 'AGENT_LOST_SWITCHOVER';

/**
 * The switch-over as a process: from the operation's events and what this run knows, the next step. The
 * runner executes it and records its result, then asks again, so any run continues from wherever the log
 * is, whoever started it. Steps sent to the agent are idempotent there (a copy asked again continues, a
 * prepare of the epoch it holds answers at once, a switch-over's job is the same job), which is what lets a
 * run that knows nothing send them again.
 */
export function nextSwitchoverStep(state: OperationState, known: RunKnowledge = {}): SwitchoverStep {
  if (!state.exists || isTerminal(state)) return { type: 'done' };
  if (state.switchover) return { type: 'finish' };
  if (state.status === 'switching-over') return afterThePointOfNoCancel(state, known);
  if (state.relocation && !state.disksCopied) return { type: 'copy-disks' };
  if (state.relocation?.cold) return { type: 'finish-cold' };
  if (known.prepared !== undefined) return { type: 'start-switchover', epoch: known.prepared };
  const prepareSent = state.lastEpoch > 0 || state.phases.some((phase) => phase.name === 'prepare');
  if (!prepareSent) return { type: 'prepare', epoch: nextEpoch(state) };
  switch (known.agent?.state) {
    case undefined:
      return { type: 'ask-agent' };
    case 'busy':
      return { type: 'wait-for-agent' };
    case 'prepared':
      return { type: 'start-switchover', epoch: known.agent.epoch };
    case 'nothing':
      return { type: 'prepare', epoch: nextEpoch(state) };
    default: {
      const _unhandled: never = known.agent;
      return _unhandled;
    }
  }
}

/**
 * The stun was handed to the agent: only it can end the operation, by its result or by having none. The
 * run that crossed the point of no cancel sends the stun; any other asks first (the agent may have run it).
 */
function afterThePointOfNoCancel(state: ExistingOperation, known: RunKnowledge): SwitchoverStep {
  const epoch = state.epoch ?? 1;
  switch (known.agent?.state) {
    case undefined:
      return known.handedOver === epoch ? { type: 'execute', epoch } : { type: 'ask-agent' };
    case 'busy':
      return { type: 'wait-for-agent' };
    case 'prepared':
      return { type: 'execute', epoch };
    case 'nothing':
      return { type: 'fail', code: AGENT_LOST_SWITCHOVER, reason: `the host agent holds no trace of switch-over epoch ${epoch} (it restarted); the VM's memory went with it` };
    default: {
      const _unhandled: never = known.agent;
      return _unhandled;
    }
  }
}

const nextEpoch = (state: ExistingOperation): number => state.lastEpoch + 1;

import { HOST_AGENT_ERROR_CODES } from '@fsr/contracts';
import { AgentContext } from '../agent-context';
import { PFrameTable } from '../memory/pframe-table';
import { refuse } from './agent-refusal';

interface Pending {
  readonly epoch: number | undefined;
  cancelled: string | null;
}

const byContext = new WeakMap<AgentContext, Map<string, Pending>>();
const pendingOf = (context: AgentContext) => {
  let map = byContext.get(context);
  if (!map) byContext.set(context, (map = new Map<string, Pending>()));
  return map;
};

/**
 * Runs `commit` (a wait on the copy threads, committing a new table) with `key` marked pending, so that a
 * command cancelling it meanwhile is not lost while nothing is registered yet. Answers why it was
 * cancelled, or null.
 */
async function commitUnlessCancelled(context: AgentContext, key: string, epoch: number | undefined, commit: () => Promise<void>): Promise<string | null> {
  const pending: Pending = { epoch, cancelled: null };
  const map = pendingOf(context);
  map.set(key, pending);
  try {
    await commit();
    return pending.cancelled;
  } finally {
    if (map.get(key) === pending) map.delete(key);
  }
}

/** Cancels the pending commit of `key`, unless it is for a later epoch than the one cancelled. */
export function cancelPending(context: AgentContext, key: string, reason: string, epoch?: number): void {
  const pending = pendingOf(context).get(key);
  if (!pending || (epoch !== undefined && pending.epoch !== undefined && pending.epoch > epoch)) return;
  pending.cancelled ??= reason;
}

/**
 * A new table of `pages` whose pages the copy threads have committed: writing a large VM's table first on the
 * main thread (about 4 s for 1 TiB here) would silence the heartbeats and have the host taken for lost. A
 * command that cancels `key` meanwhile makes it a refusal, `what` naming what was under way.
 */
export async function committedTable(context: AgentContext, pages: number, key: string, epoch: number | undefined, what: string): Promise<PFrameTable> {
  const table = new PFrameTable(pages);
  const cancelled = await commitUnlessCancelled(context, key, epoch, () => context.copyPool.touch(table.buffer));
  if (cancelled) throw refuse(HOST_AGENT_ERROR_CODES.cancelled, `${what} was ${cancelled} while its table was committed`);
  return table;
}

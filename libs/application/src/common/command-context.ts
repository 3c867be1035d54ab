import type { Fence } from '../ports/work-leases.port';

/** Who asked, and which request or event the command belongs to (for the audit trail). */
export interface CommandContext {
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
  /** Set by a lease's holder (an operation's process): its appends are fenced by the lease. */
  readonly fence?: Fence;
}

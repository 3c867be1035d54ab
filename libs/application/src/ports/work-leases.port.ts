export const WORK_LEASES = Symbol('WORK_LEASES');

/** An append made as a lease's holder: refused once another holder has taken the lease since. */
export interface Fence {
  readonly lease: string;
  readonly token: bigint;
}

/** A lease this replica holds: renewed in the background until released or lost (taken by another after a pause). */
export interface HeldLease {
  readonly fence: Fence;
  readonly lost: boolean;
  release(): Promise<void>;
}

/**
 * Who drives each piece of work among the replicas: an operation's process (`operation:<id>`), the
 * host liveness watch, a replica's own liveness (`replica:<id>`). A lease lasts its time to live unless
 * renewed; each new holder gets a higher token, with which the event store fences the previous one.
 */
export interface WorkLeases {
  /** The lease, unless a holder's lease on it has not run out yet. */
  acquire(name: string): Promise<HeldLease | null>;
  /** The lease names held now by a holder that may be alive, among `names`. */
  heldAmong(names: readonly string[]): Promise<Set<string>>;
  /** The leases this replica holds now (for /health and /metrics). */
  heldHere(): readonly string[];
}

/** The lease under which an append was made has been taken by another holder: the append wrote nothing. */
export class LeaseLostError extends Error {
  readonly code = 'LEASE_LOST';
  constructor(readonly lease: string) {
    super(`the lease ${lease} was taken by another holder; this one may no longer write as its owner`);
    this.name = 'LeaseLostError';
  }
}

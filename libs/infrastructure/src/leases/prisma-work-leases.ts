import { EventStoreUnavailableError, HeldLease, LeaseLostError, WorkLeases } from '@fsr/application';
import { isDatabaseUnavailable } from '../persistence/database-unavailable';
import { Prisma, PrismaClient } from '../prisma/generated/client';
import { replicaIsGone } from './replica-id';

type Queryable = Pick<Prisma.TransactionClient, '$queryRaw'>;

export interface WorkLeasesOptions {
  /** Who holds what this instance acquires: one id per control-plane process. */
  readonly holder: string;
  readonly ttlMs: number;
  readonly log?: (message: string) => void;
}

/**
 * Leases as rows of `work_leases`, with the database's clock for every expiry (replicas' clocks never
 * meet). A lease is taken when it has run out; its token then grows by one, and is never reused (an
 * ended lease is expired, not deleted).
 */
export class PrismaWorkLeases implements WorkLeases {
  private readonly held = new Set<RenewedLease>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly options: WorkLeasesOptions,
  ) {}

  get holder(): string {
    return this.options.holder;
  }

  /** A lease whose time ran out is taken; so is one held by a process of this machine that is provably dead. */
  async acquire(name: string): Promise<HeldLease | null> {
    const taken = await unavailableAsStoreError(async () => (await this.take(name, null)) ?? (await this.takeFromDeadHolder(name)));
    if (taken === null) return null;
    const lease = new RenewedLease(this.prisma, name, this.options.holder, taken, this.options.ttlMs, this.options.log, () => this.held.delete(lease));
    this.held.add(lease);
    return lease;
  }

  heldHere(): readonly string[] {
    return [...this.held].map((lease) => lease.fence.lease).sort();
  }

  private async takeFromDeadHolder(name: string): Promise<bigint | null> {
    const [current] = await this.prisma.$queryRaw<{ holder: string }[]>(Prisma.sql`SELECT holder FROM work_leases WHERE name = ${name}`);
    if (!current || !replicaIsGone(current.holder)) return null;
    this.options.log?.(`lease ${name}: taking over from ${current.holder}, which is gone`);
    return this.take(name, current.holder);
  }

  private async take(name: string, deadHolder: string | null): Promise<bigint | null> {
    const { holder, ttlMs } = this.options;
    const takeable = deadHolder === null ? Prisma.sql`work_leases.expires_at < now()` : Prisma.sql`work_leases.holder = ${deadHolder}`;
    const rows = await this.prisma.$queryRaw<{ token: bigint }[]>(Prisma.sql`
      INSERT INTO work_leases (name, holder, token, expires_at) VALUES (${name}, ${holder}, 1, now() + ${ttlMs}::int * interval '1 millisecond')
      ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, token = work_leases.token + 1, expires_at = EXCLUDED.expires_at
      WHERE ${takeable}
      RETURNING token`);
    return rows.length === 1 ? BigInt(rows[0].token) : null;
  }

  async heldAmong(names: readonly string[]): Promise<Set<string>> {
    if (names.length === 0) return new Set();
    const rows = await unavailableAsStoreError(() =>
      this.prisma.$queryRaw<{ name: string; holder: string }[]>(Prisma.sql`SELECT name, holder FROM work_leases WHERE name IN (${Prisma.join(names)}) AND expires_at > now()`),
    );
    // A lease whose holder is provably gone is as good as free: acquire() takes it at once.
    return new Set(rows.filter((row) => !replicaIsGone(row.holder)).map((row) => row.name));
  }
}

/** Inside an append's transaction: the lease still has the token, and keeps it until the append commits. */
export async function checkFence(tx: Queryable, fence: { lease: string; token: bigint }): Promise<void> {
  const rows = await tx.$queryRaw<{ token: bigint }[]>(Prisma.sql`SELECT token FROM work_leases WHERE name = ${fence.lease} FOR SHARE`);
  if (rows.length !== 1 || BigInt(rows[0].token) !== fence.token) throw new LeaseLostError(fence.lease);
}

/** The lease table lives beside the log: the database out of reach is the event store's outage too (whenStoreAnswers waits it out). */
async function unavailableAsStoreError<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw isDatabaseUnavailable(error) ? new EventStoreUnavailableError(error) : error;
  }
}

class RenewedLease implements HeldLease {
  private renewal: NodeJS.Timeout;
  private renewing: Promise<void> = Promise.resolve();
  private isLost = false;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly name: string,
    private readonly holder: string,
    private readonly token: bigint,
    private readonly ttlMs: number,
    private readonly log: ((message: string) => void) | undefined,
    private readonly ended: () => void,
  ) {
    this.renewal = setInterval(() => {
      this.renewing = this.renew();
    }, Math.max(50, Math.floor(ttlMs / 3)));
    this.renewal.unref();
  }

  get fence() {
    return { lease: this.name, token: this.token };
  }

  get lost(): boolean {
    return this.isLost;
  }

  async release(): Promise<void> {
    clearInterval(this.renewal);
    // A renewal under way would otherwise commit after the release and keep the lease for a whole TTL.
    await this.renewing;
    this.ended();
    if (this.isLost) return;
    await this.prisma.$executeRaw`UPDATE work_leases SET expires_at = now() - interval '1 millisecond' WHERE name = ${this.name} AND token = ${this.token}::bigint`.catch(() => undefined);
  }

  private async renew(): Promise<void> {
    const renewed = await this.prisma.$executeRaw`
      UPDATE work_leases SET expires_at = now() + ${this.ttlMs}::int * interval '1 millisecond'
      WHERE name = ${this.name} AND holder = ${this.holder} AND token = ${this.token}::bigint`.catch(() => null);
    // Unreachable database: the lease may still be ours; the next renewal tells, and fencing guards meanwhile.
    if (renewed !== 0) return;
    this.isLost = true;
    clearInterval(this.renewal);
    this.ended();
    this.log?.(`lease ${this.name} was taken by another holder`);
  }
}

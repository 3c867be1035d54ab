import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HeldLease, WORK_LEASES, WorkLeases } from '@fsr/application';
import { replicaIsGone } from '@fsr/infrastructure';
import { REPLICA_ID } from './tokens';

export const replicaLease = (replicaId: string) => `replica:${replicaId}`;

/** This replica's own lease, held while it runs: what it claimed is a dead replica's once the lease ran out. */
@Injectable()
export class ReplicaPresence implements OnModuleInit, OnApplicationShutdown {
  private lease: HeldLease | null = null;

  constructor(
    @Inject(WORK_LEASES) private readonly leases: WorkLeases,
    @Inject(REPLICA_ID) readonly replicaId: string,
  ) {}

  async onModuleInit(): Promise<void> {
    this.lease = await this.leases.acquire(replicaLease(this.replicaId));
  }

  /** Whether the replica with this id still runs. */
  async isAlive(replicaId: string): Promise<boolean> {
    if (replicaId === this.replicaId) return true;
    if (replicaIsGone(replicaId)) return false;
    return (await this.leases.heldAmong([replicaLease(replicaId)])).size > 0;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.lease?.release();
  }
}

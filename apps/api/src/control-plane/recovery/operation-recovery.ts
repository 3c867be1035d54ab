import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { HostLosses, InterruptedPowerChangeSettler, SwitchoverRunner, WORK_LEASES, WorkLeases } from '@fsr/application';
import { HostQueries, isDatabaseUnavailable, OperationQueries, Projector, VmQueries } from '@fsr/infrastructure';
import { withTimeout } from '@fsr/redis-plumbing';
import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../infrastructure/tokens';

const SYSTEM = { actor: 'system:recovery', causationId: null } as const;

/**
 * Takes up every unfinished operation that no run drives: at start (a restart of this replica) and every
 * fifth of a lease from then on (a replica that died), so an operation whose driver is gone is continued
 * by its process (SwitchoverRunner) within a lease's time and a little more. Runs beside the start-up, so
 * the API answers while an agent is asked, a copy continues or a stun is waited for.
 * A host's loss that a stopped control plane left unhandled is handled before any operation of the host
 * is taken up (at start for every host; then for the disconnected ones and those of the operations taken
 * up), so an operation the host ended is not continued as though its agent had never gone.
 */
@Injectable()
export class OperationRecovery implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OperationRecovery.name);
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | null = null;
  private settling: Promise<void> | null = null;
  private stopping = false;
  /** Set once a sweep has checked every host. */
  private started = false;

  constructor(
    private readonly projector: Projector,
    private readonly operations: OperationQueries,
    private readonly runner: SwitchoverRunner,
    private readonly vms: VmQueries,
    private readonly hosts: HostQueries,
    private readonly losses: HostLosses,
    private readonly powerChanges: InterruptedPowerChangeSettler,
    @Inject(WORK_LEASES) private readonly leases: WorkLeases,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.projector.catchUp();
    this.settling = this.settlePowerChanges();
    await this.sweep();
    this.timer = setInterval(() => void this.sweep(), Math.max(100, Math.floor(this.config.leaseTtlMs / 5)));
    this.timer.unref();
  }

  /**
   * Before the database and the queues close: the runs here stop and give up their leases, so another
   * replica (or this one, restarted) continues them from the log at its next sweep.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    // Work under way still reads the database: it ends before the pools close, but a sweep queued behind a
    // rebuild must not hold the shutdown past a lease, or the runs here would be killed before they let go.
    const underWay = Promise.allSettled([this.sweeping, this.settling]);
    await withTimeout(underWay, this.config.leaseTtlMs, 'recovery still under way after a lease: the runs stop without it').catch((error: unknown) =>
      this.logger.warn(String(error)),
    );
    await this.runner.stop();
  }

  /** One sweep at a time; none once shutdown has begun. */
  private sweep(): Promise<void> {
    if (this.stopping) return Promise.resolve();
    this.sweeping ??= this.takeUpUnfinished().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /** The unfinished operations whose lease nobody holds are started here; the lease decides who wins a race. */
  private async takeUpUnfinished(): Promise<void> {
    try {
      await this.projector.catchUp();
      const unfinished = [...(await this.operations.list({ state: 'queued' })), ...(await this.operations.list({ state: 'running' }))].filter(
        (operation) => !this.runner.driving.has(operation.id),
      );
      const held = await this.leases.heldAmong(unfinished.map((operation) => `operation:${operation.id}`));
      const orphans = unfinished.filter((operation) => !held.has(`operation:${operation.id}`));
      const unsettled = await this.handleUnhandledLosses([...orphans.map((operation) => operation.hostId), ...(await this.hostsToCheck())]);
      if (this.stopping) return;
      if (unsettled.size === 0) this.started = true;
      for (const { id } of orphans.filter((operation) => !unsettled.has(operation.hostId))) {
        this.logger.warn(`taking up operation ${id}, which no run drives`);
        this.runner.run(id, { ...SYSTEM, correlationId: `recovery-${id}` }).catch((error: unknown) => this.logger.error(`operation ${id}: ${String(error)}`));
      }
    } catch (error) {
      if (!isDatabaseUnavailable(error)) this.logger.error(`recovery sweep failed: ${String(error)}`);
    }
  }

  /** At start every host (a connected one may hold the loss of an instance it replaced), then the disconnected ones. */
  private hostsToCheck(): Promise<string[]> {
    return this.hosts.hostIds(this.started ? 'disconnected' : undefined);
  }

  /** The hosts whose losses could not be handled: their operations wait for the next sweep, the others go on. */
  private async handleUnhandledLosses(hostIds: readonly string[]): Promise<Set<string>> {
    const unsettled = new Set<string>();
    for (const hostId of new Set(hostIds)) {
      if (this.stopping) break;
      await this.losses.handleUnhandled(hostId, { ...SYSTEM, correlationId: `recovery-host-${hostId}` }).catch((error: unknown) => {
        if (isDatabaseUnavailable(error)) throw error;
        this.logger.error(`host ${hostId}: its recorded loss could not be handled: ${String(error)}`);
        unsettled.add(hostId);
      });
    }
    return unsettled;
  }

  private async settlePowerChanges(): Promise<void> {
    try {
      for (const { id } of await this.vms.list()) {
        if (this.stopping) return;
        if (!(await this.powerChanges.settle(id, { ...SYSTEM, correlationId: `recovery-${id}` }))) {
          this.logger.warn(`VM ${id}: its host could not say whether an interrupted power change happened; the VM stays busy until it can`);
        }
      }
    } catch (error) {
      this.logger.error(`recovery of power changes failed: ${String(error)}`);
    }
  }
}

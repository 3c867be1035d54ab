import { ConsoleLogger, Logger } from '@nestjs/common';
import { HostLosses, InterruptedPowerChangeSettler, SwitchoverRunner, WorkLeases } from '@fsr/application';
import { HostQueries, OperationQueries, Projector, VmQueries } from '@fsr/infrastructure';
import { AppConfig } from '../../config/app-config';
import { OperationRecovery } from './operation-recovery';

const until = async (done: () => boolean) => {
  for (let waited = 0; !done(); waited += 5) {
    if (waited > 2000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

/**
 * A recovery whose collaborators record what they are asked, in order; the `hold`-th catch-up waits for
 * `release`, and so does the settling of the first VM's power change when `vms` are given. Operations op-1
 * and op-2 run on host-1 and host-2; host-2 is disconnected, host-3 connected and idle. `failingHosts` cannot be handled.
 */
function recoveryWithSweepHeldAt(hold: number, vms: string[] = [], failingHosts: string[] = []) {
  const calls: string[] = [];
  let catchUps = 0;
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const projector = {
    catchUp: () => {
      calls.push('catch-up');
      return ++catchUps === hold ? held : Promise.resolve();
    },
  };
  const operations = {
    list: ({ state }: { state: string }) => {
      calls.push(`list ${state}`);
      return Promise.resolve(state === 'running' ? [{ id: 'op-1', hostId: 'host-1' }, { id: 'op-2', hostId: 'host-2' }] : []);
    },
  };
  const runner = {
    driving: new Set<string>(),
    run: (id: string) => {
      calls.push(`run ${id}`);
      return Promise.resolve();
    },
    stop: () => {
      calls.push('stop runs');
      return Promise.resolve();
    },
  };
  const leases = { heldAmong: () => Promise.resolve(new Set<string>()) };
  const hosts = {
    hostIds: (connectionState?: string) => Promise.resolve(connectionState === 'disconnected' ? ['host-2'] : ['host-1', 'host-2', 'host-3']),
  };
  const losses = {
    handleUnhandled: (hostId: string) => {
      calls.push(`losses of ${hostId}`);
      return failingHosts.includes(hostId) ? Promise.reject(new Error('corrupt stream')) : Promise.resolve();
    },
  };
  const recovery = new OperationRecovery(
    projector as unknown as Projector,
    operations as unknown as OperationQueries,
    runner as unknown as SwitchoverRunner,
    { list: () => Promise.resolve(vms.map((id) => ({ id }))) } as unknown as VmQueries,
    hosts as unknown as HostQueries,
    losses as unknown as HostLosses,
    {
      settle: async (id: string) => {
        calls.push(`settle ${id}`);
        if (id === vms[0]) await held;
        return true;
      },
    } as unknown as InterruptedPowerChangeSettler,
    leases as unknown as WorkLeases,
    { leaseTtlMs: 500 } as AppConfig,
  );
  return { recovery, calls, release, catchUps: () => catchUps };
}

describe('OperationRecovery', () => {
  beforeAll(() => Logger.overrideLogger(false));
  afterAll(() => Logger.overrideLogger(new ConsoleLogger()));

  it('takes up an unfinished operation nobody drives', async () => {
    const { recovery, calls } = recoveryWithSweepHeldAt(Number.POSITIVE_INFINITY);
    await recovery.onApplicationBootstrap();
    await recovery.beforeApplicationShutdown();
    expect(calls).toContain('run op-1');
  });

  it('handles the losses a stopped control plane left unhandled before it takes up an operation of the host', async () => {
    const { recovery, calls } = recoveryWithSweepHeldAt(Number.POSITIVE_INFINITY);
    await recovery.onApplicationBootstrap();
    await recovery.beforeApplicationShutdown();
    expect(calls.indexOf('losses of host-1')).toBeGreaterThan(-1);
    expect(calls.indexOf('losses of host-1')).toBeLessThan(calls.indexOf('run op-1'));
  });

  it('leaves the operations of a host whose loss cannot be handled to the next sweep, and takes up the others', async () => {
    const { recovery, calls } = recoveryWithSweepHeldAt(Number.POSITIVE_INFINITY, [], ['host-2']);
    await recovery.onApplicationBootstrap();
    await recovery.beforeApplicationShutdown();
    expect(calls).toContain('run op-1');
    expect(calls).not.toContain('run op-2');
  });

  it('checks every host at start, then only the disconnected ones and those of the operations it takes up', async () => {
    const { recovery, calls, catchUps } = recoveryWithSweepHeldAt(Number.POSITIVE_INFINITY);
    await recovery.onApplicationBootstrap();
    await until(() => catchUps() >= 3 && calls.filter((call) => call === 'losses of host-2').length >= 2);
    await recovery.beforeApplicationShutdown();
    const checked = (hostId: string) => calls.filter((call) => call === `losses of ${hostId}`).length;
    expect(checked('host-3')).toBe(1);
    expect(checked('host-1')).toBeGreaterThanOrEqual(2);
    expect(checked('host-2')).toBeGreaterThanOrEqual(2);
  });

  it('lets a sweep under way end before it stops the runs (the database closes next), and starts none after', async () => {
    // Catch-ups 1 and 2 are the start's; 3 is the first sweep of the timer.
    const { recovery, calls, release, catchUps } = recoveryWithSweepHeldAt(3);
    await recovery.onApplicationBootstrap();
    await until(() => catchUps() === 3);

    const stopped = recovery.beforeApplicationShutdown();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).not.toContain('stop runs');
    release();
    await stopped;

    const sweepEnd = calls.lastIndexOf('list running');
    expect(sweepEnd).toBeGreaterThan(calls.indexOf('catch-up', 2));
    expect(calls.indexOf('stop runs')).toBeGreaterThan(sweepEnd);
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(catchUps()).toBe(3);
  });

  it('does not wait for a sweep that does not end longer than a lease: the runs must still let go', async () => {
    const { recovery, calls, catchUps } = recoveryWithSweepHeldAt(3);
    await recovery.onApplicationBootstrap();
    await until(() => catchUps() === 3);
    await recovery.beforeApplicationShutdown();
    expect(calls.at(-1)).toBe('stop runs');
  });

  it('settles no more interrupted power changes once shutdown has begun, and lets the one under way end first', async () => {
    const { recovery, calls, release } = recoveryWithSweepHeldAt(Number.POSITIVE_INFINITY, ['vm-1', 'vm-2', 'vm-3']);
    await recovery.onApplicationBootstrap();
    await until(() => calls.includes('settle vm-1'));
    const stopped = recovery.beforeApplicationShutdown();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).not.toContain('stop runs');
    release();
    await stopped;
    expect(calls.filter((call) => call.startsWith('settle'))).toEqual(['settle vm-1']);
    expect(calls.at(-1)).toBe('stop runs');
  });
});

import { ApiClient, DemoRequestError } from './api-client';

export interface OperationView {
  readonly id: string;
  readonly kind: string;
  readonly vmId: string;
  readonly hostId: string;
  readonly state: string;
  readonly mode: string;
  readonly predictedStunMs: number;
  readonly stunMs: number | null;
  readonly slaBreached: boolean | null;
  readonly segments: readonly unknown[];
  readonly error?: { code: string; message: string };
}

export interface DemoVm {
  readonly id: string;
  readonly name: string;
  readonly hostId: string;
  readonly vcpus: number;
  readonly memoryMiB: number;
}

type Log = (line: string) => void;

const TERMINAL = ['succeeded', 'failed', 'cancelled', 'rolled-back'];
/** Memory as a share of the smallest free host: even all three on one host, tripled by the hot-adds, fit. */
const SIZES = [
  { size: 'small', vcpus: 2, share: 1 / 64 },
  { size: 'medium', vcpus: 8, share: 1 / 16 },
  { size: 'large', vcpus: 16, share: 1 / 8 },
] as const;
const MEMORY_STEP_MIB = 256;

interface HostView {
  readonly id: string;
  readonly connectionState: string;
  readonly capacity: { memoryMiB: number };
  readonly used: { memoryMiB: number };
}
const WORKLOAD = { diskWriteMiBps: 4, pageRemapsPerSec: 2000 };

/** The tour of the README: datastores, VMs of three sizes across the hosts, hot-adds in both modes, a Storage vMotion. */
export class DemoScenario {
  private readonly run = Date.now().toString(36);

  constructor(
    private readonly api: ApiClient,
    private readonly log: Log,
  ) {}

  async connectedHosts(): Promise<HostView[]> {
    const answer = await this.api.get<HostView[]>('/hosts?limit=500');
    // A wrong key answers 401 with the server's reason: that, not a crash on its body.
    if (answer.status !== 200) throw new DemoRequestError('GET', '/hosts', answer);
    return answer.body.filter((host) => host.connectionState === 'connected');
  }

  async createDatastore(suffix: string): Promise<string> {
    const datastore = await this.api.command<{ id: string }>('/datastores', { name: `demo-${this.run}-${suffix}`, capacityGiB: 64 });
    this.log(`datastore ${datastore.id} created`);
    return datastore.id;
  }

  /** One VM of each size per host in turn, powered on with a guest workload. */
  async startVms(hosts: readonly HostView[], datastoreId: string): Promise<DemoVm[]> {
    const smallestFreeMiB = Math.min(...hosts.map((host) => host.capacity.memoryMiB - host.used.memoryMiB));
    return Promise.all(
      SIZES.map(async ({ size, vcpus, share }, index) => {
        const hostId = hosts[index % hosts.length].id;
        const memoryMiB = Math.max(MEMORY_STEP_MIB, Math.floor((smallestFreeMiB * share) / MEMORY_STEP_MIB) * MEMORY_STEP_MIB);
        const name = `demo-${this.run}-${size}`;
        const body = { name, hostId, datastoreId, vcpus, memoryMiB, cpuHotAddEnabled: true, memoryHotAddEnabled: true, disks: [{ sizeMiB: 16 }] };
        const vm = await this.api.command<{ id: string }>('/vms', body);
        await this.api.command(`/vms/${vm.id}/power`, { action: 'on' });
        await this.api.command(`/vms/${vm.id}/workload`, WORKLOAD);
        this.log(`${name}: ${vcpus} vCPU, ${memoryMiB} MiB on ${hostId}, powered on with a workload`);
        return { id: vm.id, name, hostId, vcpus, memoryMiB };
      }),
    );
  }

  /** Per VM: a distributed hot add (more vCPUs and memory), then a legacy one (more memory); all VMs at once. */
  async hotAdds(vms: readonly DemoVm[]): Promise<OperationView[]> {
    const perVm = await Promise.all(
      vms.map(async (vm) => {
        const distributed = await this.operation(`/vms/${vm.id}/hot-add`, { vcpus: vm.vcpus * 2, memoryMiB: vm.memoryMiB * 2, mode: 'distributed' });
        const legacy = await this.operation(`/vms/${vm.id}/hot-add`, { memoryMiB: vm.memoryMiB * 3, mode: 'legacy' });
        return [distributed, legacy];
      }),
    );
    return perVm.flat();
  }

  /** Storage vMotion of a VM to another datastore, or null (with a note) when this server has no relocate endpoint. */
  async storageVMotion(vm: DemoVm, datastoreId: string): Promise<OperationView | null> {
    const answer = await this.api.post<{ operationId?: string; code?: string }>(`/vms/${vm.id}/relocate`, { datastoreId });
    if (answer.status === 404 && answer.body?.code === 'NOT_FOUND') {
      this.log('Storage vMotion: this server has no POST /vms/{id}/relocate endpoint; skipped');
      return null;
    }
    if (answer.status !== 202 || !answer.body?.operationId) {
      this.log(`Storage vMotion refused: ${answer.status} ${answer.body?.code ?? ''}`);
      return null;
    }
    return this.waitFor(answer.body.operationId);
  }

  private async operation(path: string, body: object): Promise<OperationView> {
    const { operationId } = await this.api.command<{ operationId: string }>(path, body, [202]);
    return this.waitFor(operationId);
  }

  private async waitFor(operationId: string, timeoutMs = 120_000): Promise<OperationView> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.api.get<OperationView>(`/operations/${operationId}`);
      if (TERMINAL.includes(body.state)) return body;
      if (Date.now() > deadline) throw new Error(`operation ${operationId} still ${body.state} after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

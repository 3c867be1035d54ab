import { EventStore, VmNames } from '@fsr/application';
import { VmNotFoundError } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { currentNumaLayouts, numaLayoutAt } from './host-numa-layouts';
import { VmViewRow } from '../projections/view-rows';
import { evolveVmView } from '../projections/vm-view.projection';
import { Page, PageRequest, pageArgs, toPage } from './page';
import { ReadModelCache, UNCACHED } from './read-model-cache';
import { VmDto } from './read-model.dtos';
import { toVmDto } from './view-mappers';

export interface VmFilter {
  readonly hostId?: string;
  readonly powerState?: string;
}

export class VmQueries implements VmNames {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly events: EventStore,
    private readonly cache: Pick<ReadModelCache, 'read'> = UNCACHED,
  ) {}

  /** By name, then id. */
  page(filter: VmFilter, request: PageRequest): Promise<Page<VmDto>> {
    return this.cache.read(`vms:${JSON.stringify([filter.hostId, filter.powerState, request.limit, request.cursor])}`, () => this.loadPage(filter, request), (page) => page.items.length);
  }

  private async loadPage(filter: VmFilter, request: PageRequest): Promise<Page<VmDto>> {
    const rows = await this.prisma.vmView.findMany({
      where: { hostId: filter.hostId, powerState: filter.powerState },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      ...pageArgs(request),
    });
    const hosts = await currentNumaLayouts(this.prisma, rows.map((row) => row.hostId));
    return toPage(rows, request, (page) => page.map((row) => toVmDto(row as unknown as VmViewRow, hosts.get(row.hostId))));
  }

  async list(filter: VmFilter = {}): Promise<VmDto[]> {
    const rows = await this.prisma.vmView.findMany({
      where: { hostId: filter.hostId, powerState: filter.powerState },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
    const hosts = await currentNumaLayouts(this.prisma, rows.map((row) => row.hostId));
    return rows.map((row) => toVmDto(row as unknown as VmViewRow, hosts.get(row.hostId)));
  }

  /** Exactly `name`, case-sensitive. */
  async idsNamed(name: string): Promise<string[]> {
    const rows = await this.prisma.vmView.findMany({ where: { name }, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /** @throws VmNotFoundError */
  get(id: string): Promise<VmDto> {
    return this.cache.read(`vm:${id}`, () => this.load(id));
  }

  private async load(id: string): Promise<VmDto> {
    const row = await this.prisma.vmView.findUnique({ where: { id } });
    if (!row) throw new VmNotFoundError(id);
    const hosts = await currentNumaLayouts(this.prisma, [row.hostId]);
    return toVmDto(row as unknown as VmViewRow, hosts.get(row.hostId));
  }

  /**
   * The VM as it was at `at`, folded from its own stream, with its warnings against its host as it was then.
   * @throws VmNotFoundError when it did not exist then.
   */
  async getAt(id: string, at: Date): Promise<VmDto> {
    const [creation] = await this.events.readHistory({ subject: `vm:${id}`, types: ['vm.created'], limit: 1 });
    if (!creation) throw new VmNotFoundError(id);
    const stream = await this.events.readStream(creation.streamId, { until: at });
    const row = stream.reduce<VmViewRow | null>(evolveVmView, null);
    if (!row) throw new VmNotFoundError(id);
    return toVmDto(row, await numaLayoutAt(this.events, row.hostId, at));
  }
}

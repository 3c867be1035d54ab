import { EventStore } from '@fsr/application';
import { VmNotFoundError } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { VmViewRow } from '../projections/view-rows';
import { evolveVmView } from '../projections/vm-view.projection';
import { VmDto } from './read-model.dtos';
import { toVmDto } from './view-mappers';

export interface VmFilter {
  readonly hostId?: string;
  readonly powerState?: string;
}

export class VmQueries {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly events: EventStore,
  ) {}

  async list(filter: VmFilter = {}): Promise<VmDto[]> {
    const rows = await this.prisma.vmView.findMany({
      where: { hostId: filter.hostId, powerState: filter.powerState },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => toVmDto(row as unknown as VmViewRow));
  }

  /** @throws VmNotFoundError */
  async get(id: string): Promise<VmDto> {
    const row = await this.prisma.vmView.findUnique({ where: { id } });
    if (!row) throw new VmNotFoundError(id);
    return toVmDto(row as unknown as VmViewRow);
  }

  /** The VM as it was at `at`, folded from its own stream. @throws VmNotFoundError when it did not exist then. */
  async getAt(id: string, at: Date): Promise<VmDto> {
    const [creation] = await this.events.readHistory({ subject: `vm:${id}`, types: ['vm.created'], limit: 1 });
    if (!creation) throw new VmNotFoundError(id);
    const stream = await this.events.readStream(creation.streamId, { until: at });
    const row = stream.reduce<VmViewRow | null>(evolveVmView, null);
    if (!row) throw new VmNotFoundError(id);
    return toVmDto(row);
  }
}

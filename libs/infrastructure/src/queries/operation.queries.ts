import { StunHistory } from '@fsr/application';
import { OperationNotFoundError, StunSample, TransferMode } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { OperationSegmentEntry, OperationViewRow } from '../projections/view-rows';
import { Page, PageRequest, pageArgs, toPage } from './page';
import { ReadModelCache, UNCACHED } from './read-model-cache';
import { OperationDto } from './read-model.dtos';
import { toOperationDto } from './view-mappers';

export interface OperationFilter {
  readonly vmId?: string;
  readonly state?: string;
  readonly kind?: string;
  readonly limit?: number;
}

const DEFAULT_LIMIT = 500;

export class OperationQueries implements StunHistory {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cache: Pick<ReadModelCache, 'read'> = UNCACHED,
  ) {}

  /** Switch-overs that succeeded on the host in `mode`, newest first: what moved and the stun it took. */
  async recentStuns(hostId: string, mode: TransferMode, limit: number): Promise<StunSample[]> {
    const rows = await this.prisma.operationView.findMany({
      where: { hostId, mode, state: 'succeeded', stunMs: { not: null } },
      orderBy: { updatedAt: 'desc' },
      take: limit,
      select: { segments: true, stunMs: true },
    });
    return rows.map((row) => {
      const segments = row.segments as unknown as OperationSegmentEntry[];
      return { totalPFrames: segments.reduce((sum, segment) => sum + segment.ppnCount, 0), segments: segments.length, stunMs: row.stunMs ?? 0 };
    });
  }

  /** Newest first. */
  page(filter: Omit<OperationFilter, 'limit'>, request: PageRequest): Promise<Page<OperationDto>> {
    const key = `operations:${JSON.stringify([filter.vmId, filter.state, filter.kind, request.limit, request.cursor])}`;
    return this.cache.read(key, () => this.loadPage(filter, request), (page) => page.items.length);
  }

  private async loadPage(filter: Omit<OperationFilter, 'limit'>, request: PageRequest): Promise<Page<OperationDto>> {
    const rows = await this.prisma.operationView.findMany({
      where: { vmId: filter.vmId, state: filter.state, kind: filter.kind },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      ...pageArgs(request),
    });
    return toPage(rows, request, (page) => page.map((row) => toOperationDto(row as unknown as OperationViewRow)));
  }

  /** Newest first. */
  async list(filter: OperationFilter = {}): Promise<OperationDto[]> {
    const rows = await this.prisma.operationView.findMany({
      where: { vmId: filter.vmId, state: filter.state, kind: filter.kind },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: filter.limit ?? DEFAULT_LIMIT,
    });
    return rows.map((row) => toOperationDto(row as unknown as OperationViewRow));
  }

  /** @throws OperationNotFoundError */
  get(id: string): Promise<OperationDto> {
    return this.cache.read(`operation:${id}`, () => this.load(id));
  }

  private async load(id: string): Promise<OperationDto> {
    const row = await this.prisma.operationView.findUnique({ where: { id } });
    if (!row) throw new OperationNotFoundError(id);
    return toOperationDto(row as unknown as OperationViewRow);
  }
}

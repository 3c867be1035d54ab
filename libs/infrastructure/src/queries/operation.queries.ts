import { OperationNotFoundError } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { OperationViewRow } from '../projections/view-rows';
import { Page, PageRequest, pageArgs, toPage } from './page';
import { OperationDto } from './read-model.dtos';
import { toOperationDto } from './view-mappers';

export interface OperationFilter {
  readonly vmId?: string;
  readonly state?: string;
  readonly kind?: string;
  readonly limit?: number;
}

const DEFAULT_LIMIT = 500;

export class OperationQueries {
  constructor(private readonly prisma: PrismaClient) {}

  /** Newest first. */
  async page(filter: Omit<OperationFilter, 'limit'>, request: PageRequest): Promise<Page<OperationDto>> {
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
  async get(id: string): Promise<OperationDto> {
    const row = await this.prisma.operationView.findUnique({ where: { id } });
    if (!row) throw new OperationNotFoundError(id);
    return toOperationDto(row as unknown as OperationViewRow);
  }
}

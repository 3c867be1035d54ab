import { DatastoreNotFoundError } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { Page, PageRequest, pageArgs, toPage } from './page';
import { DatastoreDto } from './read-model.dtos';
import { toDatastoreDto } from './view-mappers';

export class DatastoreQueries {
  constructor(private readonly prisma: PrismaClient) {}

  /** By name, then id. */
  async page(request: PageRequest): Promise<Page<DatastoreDto>> {
    const rows = await this.prisma.datastoreView.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], ...pageArgs(request) });
    return toPage(rows, request, (page) => page.map(toDatastoreDto));
  }

  async list(): Promise<DatastoreDto[]> {
    const rows = await this.prisma.datastoreView.findMany({ orderBy: { name: 'asc' } });
    return rows.map(toDatastoreDto);
  }

  /** @throws DatastoreNotFoundError */
  async get(id: string): Promise<DatastoreDto> {
    const row = await this.prisma.datastoreView.findUnique({ where: { id } });
    if (!row) throw new DatastoreNotFoundError(id);
    return toDatastoreDto(row);
  }
}

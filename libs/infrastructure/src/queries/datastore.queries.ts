import { DatastoreNotFoundError } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { Page, PageRequest, pageArgs, toPage } from './page';
import { ReadModelCache, UNCACHED } from './read-model-cache';
import { DatastoreDto } from './read-model.dtos';
import { toDatastoreDto } from './view-mappers';

export class DatastoreQueries {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cache: Pick<ReadModelCache, 'read'> = UNCACHED,
  ) {}

  /** By name, then id. */
  page(request: PageRequest): Promise<Page<DatastoreDto>> {
    return this.cache.read(`datastores:${JSON.stringify([request.limit, request.cursor])}`, () => this.loadPage(request), (page) => page.items.length);
  }

  private async loadPage(request: PageRequest): Promise<Page<DatastoreDto>> {
    const rows = await this.prisma.datastoreView.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], ...pageArgs(request) });
    return toPage(rows, request, (page) => page.map(toDatastoreDto));
  }

  async list(): Promise<DatastoreDto[]> {
    const rows = await this.prisma.datastoreView.findMany({ orderBy: { name: 'asc' } });
    return rows.map(toDatastoreDto);
  }

  /** @throws DatastoreNotFoundError */
  get(id: string): Promise<DatastoreDto> {
    return this.cache.read(`datastore:${id}`, () => this.load(id));
  }

  private async load(id: string): Promise<DatastoreDto> {
    const row = await this.prisma.datastoreView.findUnique({ where: { id } });
    if (!row) throw new DatastoreNotFoundError(id);
    return toDatastoreDto(row);
  }
}

import { DatastoreNotFoundError } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { DatastoreDto } from './read-model.dtos';
import { toDatastoreDto } from './view-mappers';

export class DatastoreQueries {
  constructor(private readonly prisma: PrismaClient) {}

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

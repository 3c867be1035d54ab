import { HostNotFoundError } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { HostViewRow } from '../projections/view-rows';
import { HostDto } from './read-model.dtos';
import { toHostDto } from './view-mappers';

export class HostQueries {
  constructor(private readonly prisma: PrismaClient) {}

  async list(): Promise<HostDto[]> {
    const [rows, counts] = await Promise.all([
      this.prisma.hostView.findMany({ orderBy: { name: 'asc' } }),
      this.prisma.vmView.groupBy({ by: ['hostId'], _count: { _all: true } }),
    ]);
    const vmsByHost = new Map(counts.map((count) => [count.hostId, count._count._all]));
    return rows.map((row) => toHostDto(row as HostViewRow, vmsByHost.get(row.id) ?? 0));
  }

  /** @throws HostNotFoundError */
  async get(id: string): Promise<HostDto> {
    const [row, vms] = await Promise.all([
      this.prisma.hostView.findUnique({ where: { id } }),
      this.prisma.vmView.count({ where: { hostId: id } }),
    ]);
    if (!row) throw new HostNotFoundError(id);
    return toHostDto(row as HostViewRow, vms);
  }
}

import { HostNotFoundError } from '@fsr/domain';
import { PrismaClient } from '../prisma/generated/client';
import { HostViewRow } from '../projections/view-rows';
import { Page, PageRequest, pageArgs, toPage } from './page';
import { ReadModelCache, UNCACHED } from './read-model-cache';
import { HostDto } from './read-model.dtos';
import { toHostDto } from './view-mappers';

export class HostQueries {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly cache: Pick<ReadModelCache, 'read'> = UNCACHED,
  ) {}

  /** By name, then id. */
  page(request: PageRequest): Promise<Page<HostDto>> {
    return this.cache.read(`hosts:${JSON.stringify([request.limit, request.cursor])}`, () => this.loadPage(request), (page) => page.items.length);
  }

  private async loadPage(request: PageRequest): Promise<Page<HostDto>> {
    const rows = await this.prisma.hostView.findMany({ orderBy: [{ name: 'asc' }, { id: 'asc' }], ...pageArgs(request) });
    const counts = await this.prisma.vmView.groupBy({ by: ['hostId'], where: { hostId: { in: rows.map((row) => row.id) } }, _count: { _all: true } });
    const vmsByHost = new Map(counts.map((count) => [count.hostId, count._count._all]));
    return toPage(rows, request, (page) => page.map((row) => toHostDto(row as HostViewRow, vmsByHost.get(row.id) ?? 0)));
  }

  async list(): Promise<HostDto[]> {
    const [rows, counts] = await Promise.all([
      this.prisma.hostView.findMany({ orderBy: { name: 'asc' } }),
      this.prisma.vmView.groupBy({ by: ['hostId'], _count: { _all: true } }),
    ]);
    const vmsByHost = new Map(counts.map((count) => [count.hostId, count._count._all]));
    return rows.map((row) => toHostDto(row as HostViewRow, vmsByHost.get(row.id) ?? 0));
  }

  /** The ids of every host, or of those in one connection state: one narrow query, for sweeps that run every second. */
  async hostIds(connectionState?: 'connected' | 'disconnected'): Promise<string[]> {
    const rows = await this.prisma.hostView.findMany({ where: connectionState ? { connectionState } : {}, select: { id: true } });
    return rows.map((row) => row.id);
  }

  /** The hosts the read model shows connected, with their agent instance: what host liveness watches. */
  async connectedAgents(): Promise<{ hostId: string; agentInstanceId: string }[]> {
    const rows = await this.prisma.hostView.findMany({ where: { connectionState: 'connected' }, select: { id: true, agentInstanceId: true } });
    return rows.flatMap(({ id, agentInstanceId }) => (agentInstanceId ? [{ hostId: id, agentInstanceId }] : []));
  }

  /** @throws HostNotFoundError */
  get(id: string): Promise<HostDto> {
    return this.cache.read(`host:${id}`, () => this.load(id));
  }

  private async load(id: string): Promise<HostDto> {
    const [row, vms] = await Promise.all([
      this.prisma.hostView.findUnique({ where: { id } }),
      this.prisma.vmView.count({ where: { hostId: id } }),
    ]);
    if (!row) throw new HostNotFoundError(id);
    return toHostDto(row as HostViewRow, vms);
  }
}

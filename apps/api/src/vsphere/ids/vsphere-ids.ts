import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@fsr/infrastructure';
import { PRISMA } from '../../infrastructure/tokens';
import { formatMoid, MoidKind, parseMoid } from './moid';

/**
 * The one place that maps our ids to vCenter-like ones and back. A number is handed out the first
 * time an object is shown and kept in the database, so it never changes, across restarts too.
 */
@Injectable()
export class VsphereIds {
  constructor(@Inject(PRISMA) private readonly prisma: Database['prisma']) {}

  async moidOf(kind: MoidKind, ourId: string): Promise<string> {
    return (await this.moidsOf(kind, [ourId])).get(ourId)!;
  }

  /** Every id given, each with its identifier; new ones are numbered. */
  async moidsOf(kind: MoidKind, ourIds: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ourIds)];
    if (unique.length === 0) return new Map();
    const known = await this.find(kind, unique);
    const missing = unique.filter((id) => !known.has(id));
    if (missing.length > 0) {
      await this.prisma.vsphereObjectId.createMany({ data: missing.map((ourId) => ({ kind, ourId })), skipDuplicates: true });
      for (const [id, moid] of await this.find(kind, missing)) known.set(id, moid);
    }
    return known;
  }

  /** Our id behind an identifier, undefined when it names nothing of that kind. */
  async ourIdOf(kind: MoidKind, moid: string): Promise<string | undefined> {
    const number = parseMoid(kind, moid);
    if (number === undefined) return undefined;
    const row = await this.prisma.vsphereObjectId.findUnique({ where: { number } });
    return row?.kind === kind ? row.ourId : undefined;
  }

  private async find(kind: MoidKind, ourIds: readonly string[]): Promise<Map<string, string>> {
    const rows = await this.prisma.vsphereObjectId.findMany({ where: { kind, ourId: { in: [...ourIds] } } });
    return new Map(rows.map((row) => [row.ourId, formatMoid(kind, row.number)]));
  }
}

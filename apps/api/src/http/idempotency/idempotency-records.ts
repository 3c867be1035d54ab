import { Inject, Injectable } from '@nestjs/common';
import type { Database } from '@fsr/infrastructure';
import { PRISMA } from '../../infrastructure/tokens';

/** A remembered answer; statusCode 0 while the first request with the key still runs. */
export interface RememberedAnswer {
  readonly method: string;
  readonly path: string;
  readonly statusCode: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

const IN_PROGRESS = 0;

/** The first answer to each Idempotency-Key, kept in the database beside the event log. */
@Injectable()
export class IdempotencyRecords {
  constructor(@Inject(PRISMA) private readonly prisma: Database['prisma']) {}

  /** True when this request is the first with the key: it then runs, and its answer is remembered. */
  async claim(key: string, method: string, path: string): Promise<boolean> {
    const { count } = await this.prisma.idempotencyRecord.createMany({
      data: [{ key, method, path, statusCode: IN_PROGRESS, body: {}, headers: {}, createdAt: new Date() }],
      skipDuplicates: true,
    });
    return count === 1;
  }

  async find(key: string): Promise<(RememberedAnswer & { inProgress: boolean }) | null> {
    const record = await this.prisma.idempotencyRecord.findUnique({ where: { key } });
    if (!record) return null;
    return {
      method: record.method,
      path: record.path,
      statusCode: record.statusCode,
      body: (record.body as { value?: unknown }).value ?? null,
      headers: record.headers as Record<string, string>,
      inProgress: record.statusCode === IN_PROGRESS,
    };
  }

  async remember(key: string, statusCode: number, body: unknown, headers: Record<string, string>): Promise<void> {
    await this.prisma.idempotencyRecord.update({
      where: { key },
      data: { statusCode, body: { value: JSON.parse(JSON.stringify(body ?? null)) }, headers },
    });
  }

  /** The first request failed: a retry runs again. */
  async release(key: string): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { key, statusCode: IN_PROGRESS } });
  }
}

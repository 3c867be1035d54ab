import { Inject, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { canonicalJson } from './canonical-json';
import type { Database } from '@fsr/infrastructure';
import { ReplicaPresence } from '../../infrastructure/replica-presence';
import { PRISMA } from '../../infrastructure/tokens';

/** A remembered answer; statusCode 0 while the first request with the key still runs. */
export interface RememberedAnswer {
  readonly method: string;
  readonly path: string;
  readonly requestHash: string | null;
  readonly statusCode: number;
  readonly body: unknown;
  readonly headers: Record<string, string>;
}

/** What a key is bound to: the method, the path and a hash of the three with the body. */
export interface KeyedRequest {
  readonly method: string;
  readonly path: string;
  readonly hash: string;
}

export const keyedRequest = (method: string, path: string, body: unknown): KeyedRequest => ({
  method,
  path,
  hash: createHash('sha256').update(`${method}\n${path}\n${canonicalJson(body ?? null)}`).digest('hex'),
});

const IN_PROGRESS = 0;

/** The first answer to each Idempotency-Key, kept in the database beside the event log. */
@Injectable()
export class IdempotencyRecords {
  constructor(
    @Inject(PRISMA) private readonly prisma: Database['prisma'],
    private readonly replicas: ReplicaPresence,
  ) {}

  /** True when this request is the first with the key: it then runs, and its answer is remembered. */
  async claim(key: string, request: KeyedRequest): Promise<boolean> {
    const { method, path, hash: requestHash } = request;
    const { count } = await this.prisma.idempotencyRecord.createMany({
      data: [{ key, method, path, requestHash, claimedBy: this.replicas.replicaId, statusCode: IN_PROGRESS, body: {}, headers: {}, createdAt: new Date() }],
      skipDuplicates: true,
    });
    return count === 1 || this.takeOverFromCrashed(key, request);
  }

  /**
   * A request still in progress under a replica whose own lease ran out was cut off by its crash: its
   * answer never went out, so the same request runs again. One in progress on a live replica is left to
   * it, and the compare-and-set on `claimedBy` lets one retry win when several race.
   */
  private async takeOverFromCrashed(key: string, { method, path, hash }: KeyedRequest): Promise<boolean> {
    const record = await this.prisma.idempotencyRecord.findUnique({ where: { key } });
    if (!record || record.statusCode !== IN_PROGRESS) return false;
    if (record.claimedBy !== null && (await this.replicas.isAlive(record.claimedBy))) return false;
    const { count } = await this.prisma.idempotencyRecord.updateMany({
      where: { key, method, path, requestHash: hash, statusCode: IN_PROGRESS, claimedBy: record.claimedBy },
      data: { claimedBy: this.replicas.replicaId, createdAt: new Date() },
    });
    return count === 1;
  }

  async find(key: string): Promise<(RememberedAnswer & { inProgress: boolean }) | null> {
    const record = await this.prisma.idempotencyRecord.findUnique({ where: { key } });
    if (!record) return null;
    return {
      method: record.method,
      path: record.path,
      requestHash: record.requestHash,
      statusCode: record.statusCode,
      body: (record.body as { value?: unknown }).value ?? null,
      headers: record.headers as Record<string, string>,
      inProgress: record.statusCode === IN_PROGRESS,
    };
  }

  /** Only while this replica still holds the claim: one paused past its lease must not overwrite a later claimant's answer. */
  async remember(key: string, statusCode: number, body: unknown, headers: Record<string, string>): Promise<void> {
    await this.prisma.idempotencyRecord.updateMany({
      where: { key, statusCode: IN_PROGRESS, claimedBy: this.replicas.replicaId },
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- a JSON round trip is JSON, what the column takes
      data: { statusCode, body: { value: JSON.parse(JSON.stringify(body ?? null)) }, headers },
    });
  }

  /** The first request failed: a retry runs again (unless another replica has claimed the key since). */
  async release(key: string): Promise<void> {
    await this.prisma.idempotencyRecord.deleteMany({ where: { key, statusCode: IN_PROGRESS, claimedBy: this.replicas.replicaId } });
  }
}
